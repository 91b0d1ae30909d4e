"""The key footer every circle screen shows: Textual's footer's look, built from public parts.

Textual's own Footer binds every key widget it builds to itself (``data_bind``) and keeps
those bindings, so each rebuild keeps all the removed key widgets alive, some 200 KiB an
action on a session screen (docs/textual-footer-issue.md has a reproduction). This footer
draws the same keys, keeps no removed widget, and when only a label or an enabled state
changed, updates its key widgets in place.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


HELP_ACTIONS = ("help", "app.help")  # the key help: the way to every key the footer has no room for
MORE = "more"


@cache
def declared_order(node: type[DOMNode]) -> dict[str, int]:
    """Each action's place among a class's bindings as declared (its bases' first).

    A user's keymap gives a moved binding a new key, and Textual lists the moved ones after
    the rest; the footer keeps the order the screen declares."""
    actions = [binding.action for cls in reversed(node.__mro__) for binding in cls.__dict__.get("BINDINGS", ())
               if isinstance(binding, Binding)]  # fmt: skip
    return {action: index for index, action in enumerate(dict.fromkeys(actions))}


class KeySpec(NamedTuple):
    """What one footer key shows; two equal specs draw the same key."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    classes: str

    @property
    def place(self) -> tuple[str, str, str]:
        """What a key widget cannot change in place: which key it is and where it docks."""
        return self.key, self.action, self.classes


class FooterKey(Widget):
    """One key and what it does; a click presses the key (or rings the bell when it is off)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description"}
    DEFAULT_CSS = """
    FooterKey {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0 1;
        }
        .footer-key--description {
            padding: 0 1 0 0;
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &:hover {
            pointer: pointer;
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        &.-disabled {
            text-style: dim;
        }
        &.-compact {
            .footer-key--key {
                padding: 0;
            }
            .footer-key--description {
                padding: 0 0 0 1;
            }
        }
    }
    """

    compact = reactive(True)

    def __init__(self, spec: KeySpec, *, compact: bool) -> None:
        super().__init__(classes=spec.classes)
        self.spec = spec
        self.set_reactive(Widget.shrink, False)
        self.set_reactive(FooterKey.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self.show(spec)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def key_display(self) -> str:
        return self.spec.display

    @property
    def description(self) -> str:
        return self.spec.description

    def show(self, spec: KeySpec) -> None:
        """Show a new label, display or enabled state (the key and where it docks stay)."""
        resized = (self.spec.display, self.spec.description) != (spec.display, spec.description)
        self.spec = spec
        self.set_class(not spec.enabled, "-disabled")
        self.tooltip = spec.tooltip or None
        if self.is_mounted:
            self.refresh(layout=resized)

    def watch_compact(self, compact: bool) -> None:
        self.set_class(compact, "-compact")

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        key_padding = self.get_component_styles("footer-key--key").padding
        description_padding = self.get_component_styles("footer-key--description").padding
        spec = self.spec
        if spec.description:
            label = Text.assemble(
                (" " * key_padding.left + spec.display + " " * key_padding.right, key_style),
                (" " * description_padding.left + spec.description + " " * description_padding.right,
                 description_style),
            )  # fmt: skip
        else:
            label = Text.assemble((spec.display, key_style))
        label.stylize_before(self.rich_style)
        return label

    def on_mouse_down(self) -> None:
        if self.spec.enabled:
            self.app.simulate_key(self.spec.key)
        else:
            self.app.bell()


class KeyFooter(ScrollableContainer, can_focus=False, can_focus_children=False):
    """The keys the screen's bindings call for now, in the order Textual's footer shows them.

    - A burst of key changes (opening a screen: it becomes current, a widget takes focus,
      a key is enabled) updates the keys once, not once per change.
    - Every action refreshes the bindings. When the keys are the same, nothing is rebuilt;
      when only a label or an enabled state changed, the key widgets are updated in place.
    - A key shows whole or not at all: those that would be cut at the right edge are hidden,
      and come back when there is room. The help key stays, last, as "more": the help lists
      every key of the screen.

    circle uses no binding groups: each key shows on its own.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        layout: horizontal;
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        scrollbar-size: 0 0;
        &.-compact {
            FooterKey {
                margin-right: 1;
            }
            FooterKey.-command-palette {
                padding-right: 0;
            }
        }
        FooterKey.-command-palette {
            dock: right;
            padding-right: 1;
            border-left: vkey $foreground 20%;
        }
    }
    """

    compact = reactive(False, toggle_class="-compact")

    def __init__(self, *, id: str | None = None, classes: str | None = None, show_command_palette: bool = True,
                 compact: bool = False) -> None:
        super().__init__(id=id, classes=classes)
        self.show_command_palette = show_command_palette
        self.set_reactive(KeyFooter.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self.bindings_ready = False  # the screen has said its bindings are in place
        self.update_pending = False
        self.shown: list[KeySpec] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        self.bindings_ready = True
        if self.update_pending or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.update_pending = True
            self.call_after_refresh(self.recompose)

    def key_specs(self) -> list[KeySpec]:
        """The keys the screen's bindings call for now: one key per action, the first shown."""
        if not self.bindings_ready:
            return []
        app = self.app
        active = self.screen.active_bindings
        first: dict[str, tuple[tuple[int, int], KeySpec]] = {}
        nodes: dict[int, int] = {}  # each node's place in the chain, in the order met
        for node, binding, enabled, tooltip in active.values():
            if (binding.show or binding.action in HELP_ACTIONS) and binding.action not in first:
                place = (nodes.setdefault(id(node), len(nodes)), declared_order(type(node)).get(binding.action, -1))
                first[binding.action] = place, KeySpec(
                    binding.key, app.get_key_display(binding), binding.description, binding.action,
                    enabled, tooltip, "",
                )  # fmt: skip
        ordered = [spec for _place, spec in sorted(first.values(), key=lambda placed: placed[0])]
        specs = [spec for spec in ordered if spec.action not in HELP_ACTIONS]
        more = next((spec for spec in ordered if spec.action in HELP_ACTIONS), None)
        if more is not None:  # last, so that it is the key kept when the others are cut
            specs.append(KeySpec(more.key, more.display, MORE, more.action, more.enabled, more.tooltip, "-more"))
        palette = active.get(app.COMMAND_PALETTE_BINDING) if self.show_command_palette and app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            specs.append(
                KeySpec(binding.key, app.get_key_display(binding), binding.description, binding.action,
                        enabled, binding.tooltip or binding.description, "-command-palette")
            )  # fmt: skip
        return specs

    def compose(self) -> ComposeResult:
        specs = self.key_specs()
        self.shown = specs
        for spec in specs:
            # The command palette key is always compact, as in Textual's footer.
            yield FooterKey(spec, compact=self.compact or bool(spec.classes))

    def on_resize(self) -> None:
        self.refit()

    def refit(self) -> None:
        """Show every key, then, once they are laid out, hide those that do not fit."""
        for key in self.query_children(FooterKey):
            key.display = True
        self.call_after_refresh(self.fit_keys)

    def fit_keys(self) -> None:
        if not self.is_attached:
            return
        keys = list(self.query_children(FooterKey))
        right = self.region.right
        for key in keys:  # a docked palette key takes the right end
            if key.has_class("-command-palette") and key.display:
                right = min(right, key.region.x)
        row = [key for key in keys if not key.has_class("-command-palette")]
        if not row or row[-1].region.right <= right:
            return
        # Some keys are cut: keep the first ones that leave room for the way to the rest.
        more = next((key for key in row if key.has_class("-more")), None)
        others = [key for key in row if key is not more]
        gap = others[1].region.x - others[0].region.right if len(others) > 1 else 1
        room = right - (gap + more.region.width if more is not None else 0)
        cut = False
        for key in others:
            cut = cut or key.region.right > room
            if cut:
                key.display = False

    def watch_compact(self, compact: bool) -> None:
        for key in self.query_children(FooterKey):
            if not key.has_class("-command-palette"):
                key.compact = compact

    async def recompose(self) -> None:
        self.update_pending = False
        if not self.is_attached:
            return
        specs = self.key_specs()
        if specs == self.shown:
            return
        keys = list(self.query_children(FooterKey))
        shown = self.shown or []
        if len(keys) == len(specs) == len(shown) and [s.place for s in specs] == [s.place for s in shown]:
            for key, spec in zip(keys, specs):
                key.show(spec)
            self.shown = specs
        else:
            await super().recompose()
        self.refit()

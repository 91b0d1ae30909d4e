"""The key footer every circle screen shows."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from circle.ui.widgets.backdrop import Backdrop


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


class KeyFooter(Backdrop, Footer):
    """Textual's footer, drawing the same keys, made cheap to keep up to date.

    - A burst of key changes (opening a screen: it becomes current, a widget takes focus,
      a key is enabled) rebuilds the keys once, not once per change.
    - Every action refreshes the bindings. When the keys are the same, nothing is rebuilt;
      when only a label or an enabled state changed, the key widgets are updated in place.
    - Keys do not follow the footer's compact style through a data binding: the stock footer
      binds each new key to itself, and the footer keeps every binding, so each rebuild kept
      all the old, removed key widgets alive (hundreds of kilobytes an action).

    - A key shows whole or not at all: those that would be cut at the right edge are hidden
      (their keys are in the help screen and the palette), and come back when there is room.

    circle uses no binding groups: each key shows on its own.
    """

    _rebuild_pending = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: list[KeySpec] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_pending:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)
        if self._bindings_ready and screen.app.app_focus and self.is_attached and screen is self.screen:
            self._rebuild_pending = True

    def key_specs(self) -> list[KeySpec]:
        """The keys the screen's bindings call for now, in the order the stock footer shows them."""
        if not self._bindings_ready:
            return []
        app = self.app
        active = self.screen.active_bindings
        first: dict[str, KeySpec] = {}  # one key per action: the first binding shown for it
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = KeySpec(
                    binding.key, app.get_key_display(binding), binding.description, binding.action,
                    enabled, tooltip, "",
                )  # fmt: skip
        specs = list(first.values())
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
        self._shown = specs
        self.styles.grid_size_columns = len(specs)
        for spec in specs:
            key = FooterKey(
                spec.key, spec.display, spec.description, spec.action,
                disabled=not spec.enabled, tooltip=spec.tooltip, classes=spec.classes,
            )  # fmt: skip
            if not spec.classes:  # the stock footer's command palette key keeps its own style
                key.set_reactive(FooterKey.compact, self.compact)
                key.set_class(self.compact, "-compact")  # what the reactive's watcher would do
            yield key

    def on_mount(self) -> None:
        self._refit()

    def on_resize(self) -> None:
        self._refit()

    def _refit(self) -> None:
        """Show every key, then, once they are laid out, hide those that do not fit."""
        for key in self.query_children(FooterKey):
            key.display = True
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        if not self.is_attached:
            return
        keys = list(self.query_children(FooterKey))
        right = self.region.right
        for key in keys:  # a docked palette key takes the right end
            if key.has_class("-command-palette") and key.display:
                right = min(right, key.region.x)
        cut = False
        for key in keys:
            if key.has_class("-command-palette"):
                continue
            cut = cut or key.region.right > right
            if cut:
                key.display = False

    def watch_compact(self, compact: bool) -> None:
        for key in self.query_children(FooterKey):
            if not key.has_class("-command-palette"):
                key.compact = compact

    async def recompose(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        specs = self.key_specs()
        if specs == self._shown:
            return
        keys = list(self.query_children(FooterKey))
        shown = self._shown or []
        if len(keys) == len(specs) == len(shown) and [s.place for s in specs] == [s.place for s in shown]:
            for key, spec in zip(keys, specs):
                _update_key(key, spec)
            self._shown = specs
            self._refit()
            return
        await super().recompose()
        self._refit()


def _update_key(key: FooterKey, spec: KeySpec) -> None:
    """Show a new label, display or enabled state on a key widget that stays."""
    resized = (key.key_display, key.description) != (spec.display, spec.description)
    key.key_display, key.description = spec.display, spec.description
    key._disabled = not spec.enabled  # what a click on it checks
    key.set_class(not spec.enabled, "-disabled")
    key.tooltip = spec.tooltip or None
    key.refresh(layout=resized)

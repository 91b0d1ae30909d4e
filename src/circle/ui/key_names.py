"""How a screen's messages name its keys: by binding id, as the footer and the help show them.

A user's keymap (HOME/keymap.toml) moves a binding to other keys; a message that says which
key to press names the key the user has. The words themselves are written where they are
said (the domain's refusals, the stage's hints), given these names.
"""

from __future__ import annotations

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

from circle.ui.textual_compat import binding_chain


def key_names(screen: Screen, *widgets: type[DOMNode]) -> dict[str, str]:
    """Each binding id of the keys that reach the screen (its focused widget's, its own, the
    app's), named as the footer names it, the keymap applied; the first key where it has several.

    widgets: classes whose keys reach the screen only while one has focus (the session's goal
    list), named too."""
    app = screen.app
    chain = [bindings for _node, bindings in binding_chain(screen)]
    keymap = getattr(app, "keymap", None)  # circle's app keeps the keymap it was given
    for widget in widgets:
        bindings = BindingsMap(widget.BINDINGS)
        if keymap:
            bindings.apply_keymap(keymap)
        chain.append(bindings)
    names: dict[str, str] = {}
    for bindings in chain:
        for _key, binding in bindings:
            if binding.id:
                names.setdefault(binding.id, app.get_key_display(binding))
    return names

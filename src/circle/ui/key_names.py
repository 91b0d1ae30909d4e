"""How a screen's messages name its keys: by binding id, as the footer and the help show them.

A user's keymap (HOME/keymap.toml) moves a binding to other keys; a message that says which
key to press names the key the user has. The words themselves are written where they are
said (the domain's refusals, the stage's hints), given these names.
"""

from __future__ import annotations

from textual.screen import Screen

from circle.ui.textual_compat import binding_chain


def key_names(screen: Screen) -> dict[str, str]:
    """Each binding id of the keys that reach the screen (its focused widget's, its own, the
    app's), named as the footer names it, the keymap applied; the first key where it has several."""
    app = screen.app
    names: dict[str, str] = {}
    for _node, bindings in binding_chain(screen):
        for _key, binding in bindings:
            if binding.id:
                names.setdefault(binding.id, app.get_key_display(binding))
    return names

"""Keys that reach a text field in one burst act in the order typed: editing keys (backspace,
the arrows) are not overtaken by the characters after them."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from circle.ui.widgets.keys_in_order import TypedArea, TypedInput

# (tmux name, key, character) as a terminal delivers them in one read.
BURST = [("x", "x"), ("y", "y"), ("backspace", "\x7f"), ("z", "z"), ("w", "w"),
         ("left", None), ("left", None), ("1", "1")]  # fmt: skip


class OneField(App[None]):
    def __init__(self, field) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield self.field


async def typed_in_one_burst(field) -> str:
    app = OneField(field)
    async with app.run_test() as pilot:
        field.focus()
        await pilot.pause()
        for key, character in BURST:  # posted together, as the driver posts a read's keys
            app.post_message(events.Key(key, character))
        for _ in range(5):
            await pilot.pause()
        return field.value if isinstance(field, Input) else field.text


async def test_a_burst_lands_in_order_in_a_typed_input() -> None:
    assert await typed_in_one_burst(TypedInput()) == "x1zw"


async def test_a_burst_lands_in_order_in_a_typed_area() -> None:
    assert await typed_in_one_burst(TypedArea()) == "x1zw"


@pytest.mark.parametrize("field", [Input, TextArea])
async def test_textuals_own_fields_apply_a_burst_out_of_order(field) -> None:
    """Why the typed fields exist; when this fails, Textual has fixed it and they can go."""
    assert await typed_in_one_burst(field()) != "x1zw"


def test_every_text_field_circle_makes_is_a_typed_one() -> None:
    """Found by reading the source: no Input or TextArea of Textual's is made or subclassed
    directly, outside the module that makes the typed ones."""
    import ast
    from pathlib import Path

    import circle

    root = Path(circle.__file__).parent
    direct = {"Input", "TextArea"}
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "keys_in_order.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Call):
                names = [node.func]
            elif isinstance(node, ast.ClassDef):
                names = list(node.bases)
            for name in names:
                called = name.id if isinstance(name, ast.Name) else getattr(name, "attr", None)
                if called in direct:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: {called}")
    assert not found, found

"""Which prompts the logs of past sessions show drawn: the draws to put last next time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from circle.domain.session.events import PROMPT_EVENT_TYPES


def drawn_prompt(event: Mapping[str, Any]) -> str | None:
    """The id of the prompt an event drew, if it drew one (older logs name it differently)."""
    data = event.get("data") or {}
    if not isinstance(data, Mapping):
        return None
    prompt = data.get("prompt")
    if prompt is None and event.get("type") in PROMPT_EVENT_TYPES:
        prompt = data.get("prompt_id", data.get("id"))
    return prompt if isinstance(prompt, str) else None


def drawn_prompts(event_logs: Iterable[Iterable[Mapping[str, Any]]]) -> list[str]:
    """Prompt ids drawn in these event logs (older first, each once)."""
    drawn: list[str] = []
    for events in event_logs:
        for event in events:
            prompt = drawn_prompt(event)
            if prompt is not None and prompt not in drawn:
                drawn.append(prompt)
    return drawn

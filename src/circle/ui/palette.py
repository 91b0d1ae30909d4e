"""A command-palette provider that offers every described key of the current screen by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from circle.ui.help import KeyEntry, screen_keys

# Keys the palette itself or Textual's own system commands already cover.
_SKIP_ACTIONS = {"command_palette", "app.command_palette", "quit", "app.quit"}


class ScreenActions(Provider):
    def screen_entries(self) -> list[KeyEntry]:
        return [
            e
            for e in screen_keys(self.screen)
            # Keys with an id are circle's own; Textual's generic ones (focus, copy) stay out.
            if e.enabled and e.binding_id and e.action not in _SKIP_ACTIONS
        ]

    def run_entry(self, entry: KeyEntry):
        return partial(self.app.run_action, entry.action, entry.node)

    async def discover(self) -> Hits:
        for entry in self.screen_entries():
            yield DiscoveryHit(entry.description, self.run_entry(entry), help=f"key: {entry.key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.screen_entries():
            score = matcher.match(entry.description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(entry.description),
                    self.run_entry(entry),
                    help=f"key: {entry.key}",
                )

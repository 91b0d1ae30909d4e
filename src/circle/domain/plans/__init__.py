"""Session plans and prompt decks, and reading both from TOML with every problem named."""

"""Data storage on disk (TinyDB) and the repository API. Never imports Textual."""

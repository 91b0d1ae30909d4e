"""The session layer every front end shares: prepare, drive, resume and follow a session.

Engine first, then disk, then the front end is told. Nothing here imports Textual:
the full-screen app, plain output and the SSH shell all use it.
"""

"""The subcommands of the circle command, each in its own module. None imports Textual at module level."""

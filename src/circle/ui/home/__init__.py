"""The home screen and what hangs off it: circles, members, norms, the agreement, history."""

"""circle: run group mentoring sessions for teachers in the terminal."""

__version__ = "0.1.0"

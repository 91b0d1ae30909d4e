"""The school server: who may do what in a circle, the teachers, and their SSH keys."""

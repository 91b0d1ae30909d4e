"""SMART goals: the goal and its lifecycle, changes, history, review rows and due dates."""

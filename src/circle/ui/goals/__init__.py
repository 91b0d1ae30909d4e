"""SMART goals on screen: the review screen, the goal list and the goal forms.

GoalList and the forms are shared with the session screen's goals phase.
"""

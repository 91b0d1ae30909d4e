"""Pure domain logic: plans, the session engine, goals, prompt decks, airtime.

Nothing here imports textual, rich or tinydb; time comes in through a clock.
"""

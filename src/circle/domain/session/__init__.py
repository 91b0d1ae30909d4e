"""The session engine: phases, the floor of each phase, timers, airtime and the event log."""

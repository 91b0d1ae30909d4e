"""A circle's own records: members, norms, the agreement and roster import."""

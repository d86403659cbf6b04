"""Changing the ToRs safely: the round-trip edit engine, the edit operations, the plain-English diff, and scaffolding new bodies."""

"""Changing the ToRs safely: the round-trip edit engine and its lock, the edit operations,
the plain-English diff, and scaffolding new bodies and repositories."""

"""What a ToR's rules mean, as pure functions of the model: evaluating and wording a quorum rule, and resolving
who attended against a body's posts. Validation, meetings, calendars and rendering all use them, so they sit just
above the model."""

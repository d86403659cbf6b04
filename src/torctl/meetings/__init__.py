"""Meeting-day answers: the quorum verdict for a meeting and attendance over many meetings."""

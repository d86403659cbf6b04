"""Files to models: reading YAML with positions, loading a bodies directory, findings and their reporters, cross-file
checks, the JSON Schema, and summaries."""

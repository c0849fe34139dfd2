"""Records: reading YAML with line numbers, the schema of every kind, validation and provenance rules."""

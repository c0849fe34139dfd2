"""Editor support: JSON Schemas, each field in plain words, `osa-site new` skeletons, the commands as data."""

"""Output: the generated Markdown tree and its MkDocs config, written into a folder it may replace."""

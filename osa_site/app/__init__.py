"""The adapters: the command line, the MkDocs build, the live preview and the PDF step."""

"""OSA Monitor's site generator.

The pure core runs load → validate → index → render without importing MkDocs:
`records.load_dataset`, `index.build_index`, `render.site.render_site` and
`generate.generate_tree`. `cli`, `sitebuild` and `preview` are the adapters.
"""

__version__ = "0.1.0"

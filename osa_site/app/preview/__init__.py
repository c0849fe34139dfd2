"""`osa-site serve`: a live preview that rebuilds when a record is saved.

`caches` keeps loaded records between rebuilds, `rebuild` regenerates and
incrementally rebuilds the site, and `server` serves it with MkDocs' live-reload server.
"""

from .caches import RecordCache
from .rebuild import Preview
from .server import PreviewServer, serve_preview, start_preview

__all__ = ["Preview", "PreviewServer", "RecordCache", "serve_preview", "start_preview"]

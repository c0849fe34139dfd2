"""OSA Monitor's site generator: YAML records in, a bilingual static site's Markdown tree out.

The package is in layers, each a folder that imports only itself and the layers below it
(bottom to top; `tests/test_architecture.py` checks the order):

- `i18n`: languages, dates, slugs, the Thai edition's paths and wording shared by every layer;
- `records`: reading, schema and validation of the YAML records, problems as data;
- `editor`: help for editors (JSON Schemas, field wording, `osa-site new` skeletons, the commands);
- `model`: the index of the records, figures, designations, URLs, the change log, the site context;
- `history`: git history read into record changes and Atom feeds;
- `render`: Markdown and HTML pages from the model (`render/charts/` for the charts);
- `output`: the generated tree written to disk, only what changed;
- `app`: the adapters (command line, MkDocs hooks, site build, PDF, live preview).

The pure core runs load → validate → index → render → write without importing MkDocs or click:
`load_dataset`, `build_index`, `render_site` and `generate_tree`, all named below.
"""

from .model.index import Index, build_index
from .model.site import SiteContext
from .output.generate import generate_tree
from .records.content import load_dataset
from .records.dataset import Dataset
from .records.problems import Problem, RecordError
from .render.site import render_site

__all__ = [
    "Dataset",
    "Index",
    "Problem",
    "RecordError",
    "SiteContext",
    "build_index",
    "generate_tree",
    "load_dataset",
    "render_site",
    "__version__",
]

__version__ = "0.1.0"

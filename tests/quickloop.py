"""The inner loop, `pytest -m quick`: the test modules that need no site build, no git history and no
browser (loading, validation, rendering the tiny projects, escaping, the layer map, the content checks).

conftest.py marks their tests `quick`; test_architecture.py checks that each exists and asks for no
built site and no browser.
"""

from __future__ import annotations

QUICK_MODULES = frozenset(
    {
        "test_architecture.py",
        "test_catalogue.py",
        "test_changes.py",
        "test_cli.py",
        "test_content.py",
        "test_designations.py",
        "test_figures.py",
        "test_fragments.py",
        "test_hostile_input.py",
        "test_i18n.py",
        "test_labels.py",
        "test_loader.py",
        "test_provenance.py",
        "test_render.py",
        "test_schema_files.py",
        "test_segment.py",
        "test_slugs.py",
        "test_text_policy.py",
        "test_urls.py",
        "test_validation.py",
    }
)

"""The package's shape, read from the source with `ast`: no import cycles, and a pure pipeline.

The pipeline (loading, schema, validation, index, rendering, and the modules they use) imports
neither click nor mkdocs, nor any adapter (the CLI, the MkDocs build, the preview, the PDF export).
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from codemap import ROOT, cycles, external_imports, function_lengths, import_graph, module_files

from osa_site.cli import main
from osa_site.commands import COMMANDS, PROGRAM

ADAPTERS = (
    "osa_site.cli",
    "osa_site.cli_edge",
    "osa_site.__main__",
    "osa_site.sitebuild",
    "osa_site.preview",
    "osa_site.pdf",
)
FRAMEWORKS = {"click", "mkdocs", "material", "zensical", "playwright"}


def is_adapter(module: str) -> bool:
    return any(module == a or module.startswith(a + ".") for a in ADAPTERS)


def pipeline(root: Path = ROOT) -> list[str]:
    return [m for m in module_files(root) if not is_adapter(m)]


def impurities(root: Path = ROOT) -> dict[str, list[str]]:
    """{pipeline module: the frameworks and adapters it imports}, for the modules that import any."""
    graph, externals = import_graph(root), external_imports(root)
    found = {
        m: sorted((externals[m] & FRAMEWORKS) | {t for t in graph[m] if is_adapter(t)})
        for m in pipeline(root)
    }
    return {m: names for m, names in found.items() if names}


def test_the_pipeline_is_named_in_the_package() -> None:
    modules = set(pipeline())
    assert {"osa_site.loader", "osa_site.schema", "osa_site.index", "osa_site.generate"} <= modules
    assert any(m.startswith("osa_site.render.") for m in modules)
    assert not modules & set(ADAPTERS)


def test_no_pipeline_module_imports_click_mkdocs_or_an_adapter() -> None:
    assert impurities() == {}


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def write_package(root: Path, modules: dict[str, str]) -> Path:
    for name, text in modules.items():
        file = root / "osa_site" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def crooked(tmp_path: Path) -> Path:
    """The old crooked wall: a renderer that imports click and the CLI, which imports it back."""
    return write_package(
        tmp_path,
        {
            "__init__.py": "",
            "cli.py": "import click\nfrom .render import guide\n",
            "render/__init__.py": "",
            "render/guide.py": "def commands():\n    import click\n    from ..cli import main\n",
            "index.py": "from . import schema\n",
            "schema.py": "from .index import x\n",
        },
    )


def test_the_checks_see_a_cycle_and_an_impure_renderer(crooked: Path) -> None:
    assert cycles(import_graph(crooked)) == [
        ["osa_site.cli", "osa_site.render.guide"],
        ["osa_site.index", "osa_site.schema"],
    ]
    assert impurities(crooked) == {"osa_site.render.guide": ["click", "osa_site.cli"]}


def test_the_cli_is_built_from_the_command_descriptions() -> None:
    """The click adapter and the editing guide read the same data (osa_site.commands)."""
    assert sorted(main.commands) == sorted(c.name for c in COMMANDS)
    assert [p.name for p in main.params] == [p.name for p in PROGRAM.params]
    for spec in COMMANDS:
        command = main.commands[spec.name]
        assert command.help == spec.help
        actual = [
            (p.name, p.opts + p.secondary_opts if isinstance(p, click.Option) else []) for p in command.params
        ]
        assert actual == [(p.name, [n for flag in p.flags for n in flag.split("/")]) for p in spec.params]


def test_the_cli_stays_a_thin_adapter_and_functions_stay_small() -> None:
    """House targets: the CLI at most 150 lines, the median function at most 10 lines."""
    cli_lines = len((ROOT / "osa_site" / "cli.py").read_text(encoding="utf-8").splitlines())
    assert cli_lines <= 150, f"osa_site/cli.py has {cli_lines} lines"
    lengths = sorted(function_lengths())
    assert lengths[len(lengths) // 2] <= 10, f"median function length {lengths[len(lengths) // 2]}"

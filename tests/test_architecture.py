"""The package's shape, read from the source with `ast`: layers, no import cycles, and a pure pipeline.

Every module lives in one layer folder, and imports only its own layer or the layers below it
(LAYERS, bottom to top). The pipeline (loading, schema, validation, index, rendering, and the
modules they use) imports neither click nor mkdocs, nor any adapter (the CLI, the MkDocs build,
the preview, the PDF export).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from codemap import (
    LAYERS,
    README_END,
    README_START,
    ROOT,
    cycles,
    external_imports,
    function_lengths,
    import_graph,
    layout_table,
    module_files,
    readme_layout,
)
from quickloop import QUICK_MODULES

import osa_site
from osa_site.app.cli import main
from osa_site.editor.commands import COMMANDS, PROGRAM

ADAPTERS = (
    "osa_site.app.cli",
    "osa_site.app.edge",
    "osa_site.__main__",
    "osa_site.app.sitebuild",
    "osa_site.app.navonce",
    "osa_site.app.partsonce",
    "osa_site.app.static_links",
    "osa_site.app.preview",
    "osa_site.app.pdf",
)
FRAMEWORKS = {"click", "mkdocs", "material", "zensical", "playwright"}
# LAYERS, bottom to top (codemap.py): i18n (languages, dates, slugs) needs no record; records are
# checked in a language; editor tooling reads the schema; the model indexes records; history reads
# git into the model's change log; render writes pages from the model; output writes the tree; app
# adapts it to people.
OUTSIDE_LAYERS = {"osa_site": None, "osa_site.__main__": "app"}  # the package's front door; `python -m`


def layer_of(module: str) -> str | None:
    """The layer folder a module lives in (`osa_site.render.charts.svg` -> `render`), None if none."""
    if module in OUTSIDE_LAYERS:
        return OUTSIDE_LAYERS[module]
    part = module.split(".")[1]
    return part if part in LAYERS else None


def unlayered(root: Path = ROOT) -> list[str]:
    """Modules outside every layer folder (a new top-level module, or a folder not in LAYERS)."""
    return [m for m in module_files(root) if m not in OUTSIDE_LAYERS and layer_of(m) is None]


def upward_imports(root: Path = ROOT) -> list[tuple[str, str]]:
    """(module, what it imports) for every import of a higher layer than the module's own."""
    graph = import_graph(root)
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    found = []
    for module, targets in graph.items():
        own = layer_of(module)
        for target in sorted(targets):
            theirs = layer_of(target)
            if own is not None and theirs is not None and rank[theirs] > rank[own]:
                found.append((module, target))
    return sorted(found)


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
    assert {
        "osa_site.records.loader",
        "osa_site.records.schema",
        "osa_site.model.index",
        "osa_site.output.generate",
    } <= modules
    assert any(m.startswith("osa_site.render.") for m in modules)
    assert not modules & set(ADAPTERS)


def test_no_pipeline_module_imports_click_mkdocs_or_an_adapter() -> None:
    assert impurities() == {}


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_every_module_lives_in_a_layer_and_imports_only_its_own_or_lower_layers() -> None:
    assert unlayered() == []
    assert upward_imports() == []


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
            "app/__init__.py": "",
            "app/cli.py": "import click\nfrom ..render import guide\n",
            "render/__init__.py": "",
            "render/guide.py": "def commands():\n    import click\n    from ..app.cli import main\n",
            "model/__init__.py": "",
            "model/index.py": "from ..records import schema\n",
            "records/__init__.py": "",
            "records/schema.py": "from ..model.index import x\n",
        },
    )


def test_the_checks_see_a_cycle_and_an_impure_renderer(crooked: Path) -> None:
    assert cycles(import_graph(crooked)) == [
        ["osa_site.app.cli", "osa_site.render.guide"],
        ["osa_site.model.index", "osa_site.records.schema"],
    ]
    assert impurities(crooked) == {"osa_site.render.guide": ["click", "osa_site.app.cli"]}


@pytest.fixture
def upside_down(tmp_path: Path) -> Path:
    """Imports that climb: the model reaching into a renderer, the dates into the records, and a module
    that sits beside the layer folders instead of in one."""
    return write_package(
        tmp_path,
        {
            "__init__.py": "from .output.generate import generate_tree\n",
            "stray.py": "",
            "i18n/__init__.py": "",
            "i18n/dates.py": "def parse():\n    from ..records.schema import KINDS\n",
            "records/__init__.py": "",
            "records/schema.py": "from ..i18n import dates\n",
            "model/__init__.py": "",
            "model/figures.py": "from ..render.common import yen\nfrom ..records import schema\n",
            "render/__init__.py": "",
            "render/common.py": "from ..model import figures\n",
            "render/charts/__init__.py": "",
            "render/charts/svg.py": "from ..common import yen\n",
            "output/__init__.py": "",
            "output/generate.py": "from ..render.charts import svg\n",
        },
    )


def test_the_package_docstring_names_the_layers_in_their_order() -> None:
    """The front door's account of the layers is the order this test enforces."""
    named = re.findall(r"^- `([a-z0-9]+)`:", osa_site.__doc__ or "", flags=re.MULTILINE)
    assert tuple(named) == LAYERS
    assert set(osa_site.__all__) <= set(dir(osa_site))


def test_the_readme_layout_is_the_table_of_the_docstrings() -> None:
    """Every package and module appears, with what its own docstring says (`codemap.py --readme`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_layout(readme) == readme, "run: python3 tests/codemap.py --readme"
    table = layout_table()
    for module, file in module_files().items():
        assert f"`{file.relative_to(ROOT).as_posix().removesuffix('__init__.py')}`" in table, module


def test_the_layout_table_follows_a_docstring_change(tmp_path: Path) -> None:
    root = write_package(tmp_path, {"__init__.py": '"""Front."""', "model/x.py": '"""Old words."""'})
    readme = "intro\n" + README_START + "\nstale\n" + README_END + "\nend\n"
    assert "Old words." in readme_layout(readme, root) and "stale" not in readme_layout(readme, root)
    (root / "osa_site" / "model" / "x.py").write_text('"""New | words."""', encoding="utf-8")
    assert "| `osa_site/model/x.py` | New \\| words. |" in readme_layout(readme, root)


def test_the_layer_check_sees_an_upward_import_and_a_module_outside_the_layers(upside_down: Path) -> None:
    assert upward_imports(upside_down) == [
        ("osa_site.i18n.dates", "osa_site.records.schema"),
        ("osa_site.model.figures", "osa_site.render.common"),
    ]
    assert unlayered(upside_down) == ["osa_site.stray"]


def test_the_cli_is_built_from_the_command_descriptions() -> None:
    """The click adapter and the editing guide read the same data (osa_site.editor.commands)."""
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
    cli_lines = len((ROOT / "osa_site" / "app" / "cli.py").read_text(encoding="utf-8").splitlines())
    assert cli_lines <= 150, f"osa_site/app/cli.py has {cli_lines} lines"
    lengths = sorted(function_lengths())
    assert lengths[len(lengths) // 2] <= 10, f"median function length {lengths[len(lengths) // 2]}"


SLOW_NAMES = {"built_site", "site_url", "build_into", "zensical_build", "made_once", "browser"}


def slow_names(file: Path) -> set[str]:
    """The shared-build and browser fixtures a test module asks for, and the build helpers it imports."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    asked = {a.arg for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) for a in n.args.args}
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    return (asked | imported) & SLOW_NAMES


def test_the_quick_loop_names_real_modules_that_build_no_site(tmp_path: Path) -> None:
    """`pytest -m quick` (QUICK_MODULES in conftest.py): each module exists and asks for no built site,
    no served site and no browser, so the loop stays a minute long."""
    assert {name: slow_names(ROOT / "tests" / name) for name in QUICK_MODULES} == {
        n: set() for n in QUICK_MODULES
    }
    slow = tmp_path / "test_slow.py"
    slow.write_text(
        "from sitetools import build_into\n\ndef test_x(built_site):\n    pass\n", encoding="utf-8"
    )
    assert slow_names(slow) == {"build_into", "built_site"}

"""A map of the osa_site package, read with `ast`: modules, line counts, imports, cycles, function sizes.

The architecture test uses it, and it runs as a script for the before/after figures of a refactor:

    python3 tests/codemap.py            # modules with line counts, the import graph, cycles, function sizes
    python3 tests/codemap.py --readme   # rewrite the README's layout table from the docstrings

The README's layout table is `layout_table()`: one row per package and module, in layer order,
each with the first paragraph of its docstring; tests/test_architecture.py checks it is current.
"""

from __future__ import annotations

import ast
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "osa_site"
ROOT = Path(__file__).resolve().parents[1]
# The layer folders, bottom to top: a module imports only its own layer or those below it.
LAYERS = ("i18n", "records", "editor", "model", "history", "render", "output", "app")
README_START = "<!-- layout: written by `python3 tests/codemap.py --readme` from the docstrings -->"
README_END = "<!-- /layout -->"


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """{dotted module name: file} for every module of the package, sorted by name."""
    files = {}
    for file in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(file.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = file
    return dict(sorted(files.items()))


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_names(module: str, file: Path) -> Iterator[str]:
    """Every module name `file` imports, anywhere in it (late imports inside functions too)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    is_package = file.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, is_package, node)
            yield target
            yield from (f"{target}.{alias.name}" for alias in node.names)


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """{module: the package's modules it imports}; `from . import x` counts as importing `x`."""
    files = module_files(root)
    graph = {}
    for module, file in files.items():
        names = set(imported_names(module, file))
        graph[module] = {n for n in names if n in files and n != module and n != PACKAGE}
    return graph


def external_imports(root: Path = ROOT) -> dict[str, set[str]]:
    """{module: top-level names of the outside libraries it imports}."""
    files = module_files(root)
    return {
        m: {n.split(".")[0] for n in imported_names(m, f) if n and not n.startswith(PACKAGE)}
        for m, f in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def function_lengths(root: Path = ROOT) -> list[int]:
    """The length in lines of every function and method of the package (decorators excluded)."""
    lengths = []
    for file in module_files(root).values():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lengths.append((node.end_lineno or node.lineno) - node.lineno + 1)
    return lengths


def line_counts(root: Path = ROOT) -> dict[str, int]:
    return {m: len(f.read_text(encoding="utf-8").splitlines()) for m, f in module_files(root).items()}


def report(root: Path = ROOT) -> str:
    counts, graph, lengths = line_counts(root), import_graph(root), function_lengths(root)
    short = {m: m.removeprefix(PACKAGE + ".") for m in counts}
    lines = [f"# Modules ({len(counts)}, {sum(counts.values())} lines)"]
    lines += [f"{counts[m]:6d}  {m}" for m in counts]
    lines += ["", "# Import graph (module -> the package's modules it imports, late imports included)"]
    lines += [f"{short[m]} -> {', '.join(sorted(short[t] for t in graph[m])) or '(none)'}" for m in graph]
    found = cycles(graph)
    lines += ["", f"# Import cycles: {len(found)}"] + [" <-> ".join(c) for c in found]
    lines += [
        "",
        f"# Functions: {len(lengths)}, median length {statistics.median(lengths)} lines, "
        f"mean {statistics.mean(lengths):.1f}, longest {max(lengths)}",
    ]
    return "\n".join(lines) + "\n"


def summary(file: Path) -> str:
    """The first paragraph of a module's docstring, on one line."""
    doc = ast.get_docstring(ast.parse(file.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _layer_order(module: str) -> tuple[int, str]:
    parts = module.split(".")
    layer = parts[1] if len(parts) > 1 else ""
    return (LAYERS.index(layer) + 1 if layer in LAYERS else 0, module)


def layout_table(root: Path = ROOT) -> str:
    """The README's layout: every package and module, layer by layer, with what its docstring says."""
    rows = ["| path | what |", "|---|---|"]
    for _module, file in sorted(module_files(root).items(), key=lambda item: _layer_order(item[0])):
        path = file.relative_to(root).as_posix()
        shown = path.removesuffix("__init__.py") if file.name == "__init__.py" else path
        name = f"**`{shown}`**" if file.name == "__init__.py" else f"`{shown}`"
        rows.append(f"| {name} | {summary(file).replace('|', chr(92) + '|')} |")
    return "\n".join(rows) + "\n"


def readme_layout(readme: str, root: Path = ROOT) -> str:
    """`readme` with the text between the layout markers replaced by the current table."""
    head, rest = readme.split(README_START + "\n", 1)
    _old, tail = rest.split(README_END, 1)
    return head + README_START + "\n" + layout_table(root) + README_END + tail


if __name__ == "__main__":
    if sys.argv[1:] == ["--readme"]:
        readme = ROOT / "README.md"
        readme.write_text(readme_layout(readme.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(report(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))

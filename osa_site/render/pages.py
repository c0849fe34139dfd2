"""Hand-written pages: fill each `{{ name }}` placeholder with a computed figure or a generated block.

A figure becomes a link to the page it comes from; a block (the confidence rules)
stands alone on its line and becomes Markdown. The look-up is a dictionary: no
expression is evaluated. A name that is not in the catalogue, or text between
`{{` and `}}` that is not a name, is a problem located to its file, line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..i18n.languages import Language
from ..model.figures import NAME_PATTERN, Figure, figure_catalogue
from ..model.index import Index
from ..records.messages import suggest
from ..records.problems import Problem
from ..records.provenance import LEVELS
from ..records.schema import PUBLISHER_TYPES
from .cite_block import correction_url
from .common import EN, SiteContext, link
from .escape import md, url

__all__ = ["fill_page", "fill_pages", "BLOCKS", "PLACEHOLDER"]

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_NAME = re.compile(rf"{NAME_PATTERN}")


def confidence_rules() -> str:
    """The confidence levels as a list, from the definitions `osa-site check` applies."""
    items = [
        f"- **{level.name.capitalize()}**: {md(level.meaning)} Required: {md(level.requirement)}"
        for level in LEVELS
    ]
    return "\n".join(items) + "\n\n*This list is generated from the rules that `osa-site check` applies.*"


def publisher_types() -> str:
    """The publisher types a source record can give, with what each covers."""
    return "\n".join(f"- **{name.capitalize()}**: {md(label)}." for name, label in PUBLISHER_TYPES.items())


BLOCKS: dict[str, tuple[str, Callable[[], str]]] = {
    "rules.confidence": (
        "The confidence levels, what each means and what its sources must show.",
        confidence_rules,
    ),
    "rules.publisher_types": ("The publisher types a source can have.", publisher_types),
}


def _figure_link(page: str, figure: Figure) -> str:
    if not figure.page:
        return md(figure.text)
    if figure.page.startswith("https://"):
        return f"[{md(figure.text)}]({url(figure.page)})"
    return link(page, figure.page, figure.text)


def site_figures(ctx: SiteContext) -> dict[str, Figure]:
    """Figures that come from the site's settings rather than the records."""
    _ = ctx.lang.gettext
    report = (
        Figure(
            "site.report_error",
            _("fill in the correction form in the project's code repository"),
            correction_url(ctx.repository),
            "A link for reporting an error (the correction form).",
        )
        if ctx.repository
        else Figure(
            "site.report_error",
            _(
                "write to whoever published this copy of the site (it was built without the address of "
                "its code repository, which has the correction form)"
            ),
            "",
            "How to report an error, with a link to the correction form when the repository's address "
            "is set (see the README).",
        )
    )
    return {report.name: report}


def _problem(path: str, line: int, column: int, message: str) -> Problem:
    return Problem(path, line, column, "", message)


def _block(name: str, lang: Language) -> str:
    """A generated block; written in English, so marked lang="en" on other editions' pages."""
    block = BLOCKS[name][1]()
    return block if lang.code == "en" else f'<div lang="en" markdown>\n\n{block}\n\n</div>'


def _fill_line(
    text: str,
    number: int,
    page: str,
    path: str,
    figures: dict[str, Figure],
    problems: list[Problem],
    lang: Language = EN,
) -> str:
    def replace(match: re.Match[str]) -> str:
        name, column = match.group(1).strip(), match.start() + 1
        if name in figures:
            return _figure_link(page, figures[name])
        if name in BLOCKS:
            if text.strip() == match.group(0):
                return _block(name, lang)
            problems.append(
                _problem(path, number, column, f"the block {{{{ {name} }}}} must stand alone on its own line")
            )
        elif not _NAME.fullmatch(name):
            problems.append(
                _problem(
                    path,
                    number,
                    column,
                    "expected a figure name (lowercase letters, "
                    f"digits, dots, underscores) between {{{{ and }}}}, received {name!r}",
                )
            )
        else:
            hint = suggest(name, [*figures, *BLOCKS])
            problems.append(
                _problem(
                    path,
                    number,
                    column,
                    f"unknown figure {name!r}{hint} (the editing guide lists every figure name)",
                )
            )
        return match.group(0)

    return PLACEHOLDER.sub(replace, text)


def fill_page(
    text: str, page: str, path: str, figures: dict[str, Figure], lang: Language = EN
) -> tuple[str, list[Problem]]:
    """A hand-written page with its placeholders filled, and the problems found (file:line:column)."""
    problems: list[Problem] = []
    lines = [
        _fill_line(line, n, page, path, figures, problems, lang)
        for n, line in enumerate(text.split("\n"), start=1)
    ]
    return "\n".join(lines), problems


def fill_pages(
    pages: dict[str, tuple[str, str]], index: Index, ctx: SiteContext | None = None
) -> tuple[dict[str, str], list[Problem]]:
    """{docs path: (display path, text)} -> ({docs path: filled text}, problems of every page)."""
    ctx = ctx or SiteContext()
    figures = {**figure_catalogue(index, ctx.lang), **site_figures(ctx)}
    filled, problems = {}, []
    for page, (path, text) in sorted(pages.items()):
        filled[page], found = fill_page(text, page, path, figures, ctx.lang)
        problems += found
    return filled, problems

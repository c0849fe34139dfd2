"""Share cards (issue 21): Open Graph and Twitter Card tags on every page kind of both editions,
card pictures at their og:image address (1200×630 PNG, Thai drawn with a font that has Thai),
the picture cache, and line breaking at Thai word boundaries."""

from __future__ import annotations

import io
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont
from sitetools import HOSTILE_PROJECT, HOSTILE_TITLE, ROOT, shipped_copy

from osa_site.i18n.languages import Language, language
from osa_site.i18n.segment import ZWSP, thai_words
from osa_site.model.index import Index, build_index
from osa_site.model.site import SiteContext
from osa_site.output.cards import CACHE_ENV, CardCache, add_cards
from osa_site.output.generate import generate_tree, read_config
from osa_site.records.content import load_dataset
from osa_site.render.cards import draw
from osa_site.render.cards.draw import REGULAR, SEMIBOLD, Card, card_key, covered, draw_card
from osa_site.render.cards.wrap import ELLIPSIS, pieces, wrap
from osa_site.render.escape import front_matter, read_front_matter, template_text

SITE_URL = read_config(ROOT)["site_url"]
# One page of every kind, in both editions: home, a section, every record kind, a hand-written
# page, the charts page, the data page and the editing guide.
PAGES = [
    "index.html",
    "recipients/index.html",
    "recipients/philippines/index.html",
    "equipment/2023-philippines-coastal-radars/index.html",
    "agreements/philippines-2016/index.html",
    "milestones/osa-guidelines-adopted/index.html",
    "budgets/2024/index.html",
    "designations/2025/index.html",
    "sources/icwa-japan-osa/index.html",
    "analysis/aspi-2023-07-26-capacity-gap/index.html",
    "brief/index.html",
    "charts/index.html",
    "data/index.html",
    "editing-guide/index.html",
]
EDITIONS = {"en": ("", "en_US", "th_TH"), "th": ("th/", "th_TH", "en_US")}


class Head(HTMLParser):
    """The meta tags, canonical link and title of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical = ""
        self.title = ""
        self.h1 = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta.setdefault(a.get("property") or a.get("name") or "", []).append(a.get("content") or "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href") or ""
        if tag in ("title", "h1") and not getattr(self, tag):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            setattr(self, self._in, getattr(self, self._in) + data)

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, f"{name}: {values}"
        return values[0]


def head_of(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def plain(text: str) -> str:
    return " ".join(text.replace(ZWSP, "").split())


def existing(pages: list[str], folder: Path) -> list[str]:
    for page in pages:
        assert (folder / page).is_file(), f"{page} is missing from the build: update PAGES"
    return pages


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_page_kind_has_its_open_graph_and_twitter_tags(built_site: Path, edition: str) -> None:
    prefix, locale, other = EDITIONS[edition]
    site = built_site / prefix
    for page in existing(PAGES, site):
        head = head_of(site / page)
        title = head.one("og:title")
        # The page's title as the <title> shows it, or for a hand-written page its heading.
        assert title in (plain(head.title).removesuffix(" - OSA Monitor"), plain(head.h1)), (page, head.title)
        assert head.one("og:description") == plain(head.one("description"))
        assert head.one("og:url") == head.canonical == SITE_URL + prefix + page.removesuffix("index.html")
        assert head.one("og:type") == (
            "website" if page.count("/") < 2 and page != "brief/index.html" else "article"
        )
        assert head.one("og:site_name") == "OSA Monitor"
        assert head.one("og:locale") == locale and head.one("og:locale:alternate") == other
        image = head.one("og:image")
        assert image.startswith(SITE_URL + prefix + "cards/") and image.endswith(".png")
        assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
        assert head.one("og:image:alt") == title
        # X reads the Open Graph tags for what its own do not repeat (title, description, image).
        assert head.one("twitter:card") == "summary_large_image"
        assert [name for name in head.meta if name.startswith("twitter:")] == ["twitter:card"]


def picture_of(built_site: Path, page: Path) -> Image.Image:
    address = head_of(page).one("og:image")
    path = built_site / urlsplit(address).path.removeprefix(urlsplit(SITE_URL).path)
    assert path.is_file(), address
    picture = Image.open(io.BytesIO(path.read_bytes()))
    picture.load()
    return picture


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_card_pictures_are_1200_by_630_pngs_at_their_og_image_address(built_site: Path, edition: str) -> None:
    site = built_site / EDITIONS[edition][0]
    for page in existing(PAGES, site):
        picture = picture_of(built_site, site / page)
        assert (picture.format, picture.size) == ("PNG", (1200, 630))


def test_each_page_has_its_own_card_and_source_records_share_their_sections(built_site: Path) -> None:
    images = {page: head_of(built_site / page).one("og:image") for page in PAGES}
    assert images["sources/icwa-japan-osa/index.html"].endswith("/cards/sources/index.png")
    own = [image for page, image in images.items() if not page.startswith("sources/")]
    assert len(set(own)) == len(own)


def recipient_figure(index: Index, rid: str, lang: Language) -> str:
    """What a recipient's card should say: its projects and their known value, from the index."""
    total = index.totals_by_recipient[rid]
    projects = lang.ngettext("{n} project", "{n} projects", total.projects).format(n=total.projects)
    return f"{projects} · {lang.yen(total.value)}"


def test_the_thai_card_is_drawn_from_thai_text_with_no_missing_glyph(built_site: Path) -> None:
    page = built_site / "th/recipients/philippines/index.html"
    title = head_of(page).one("og:title")
    assert re.search("[\u0e00-\u0e7f]", title)
    thai = language("th")
    card = Card(
        "OSA Monitor",
        thai.gettext("Recipient"),
        title,
        recipient_figure(shipped_index(), "philippines", thai),
    )
    assert re.search("[\u0e00-\u0e7f]", card.kind + card.figure)
    drawn = picture_of(built_site, page)
    assert drawn.tobytes() == Image.open(io.BytesIO(draw_card(card))).tobytes()
    cmap = set(TTFont(SEMIBOLD).getBestCmap()) & set(TTFont(REGULAR).getBestCmap())
    assert all(ord(c) in cmap for c in card.title + card.kind + card.figure if not c.isspace())
    assert covered(card.title) == card.title  # nothing was replaced by "?"


def _ink(font_path: str, text: str) -> bytes:
    font = ImageFont.truetype(font_path, 48, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (600, 100), 0)
    ImageDraw.Draw(image).text((10, 70), text, font=font, fill=255, anchor="ls")
    return image.tobytes()


def test_a_font_without_thai_would_draw_boxes_and_the_bundled_font_does_not(tmp_path: Path) -> None:
    latin_only = tmp_path / "latin.ttf"
    options = subset.Options()
    options.notdef_outline = True
    font = TTFont(SEMIBOLD)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x7F))
    subsetter.subset(font)
    font.save(latin_only)
    # Two Thai words of the same length: without Thai glyphs both are the same row of boxes.
    first, second = "ทะเล", "อากา"
    assert _ink(str(latin_only), first) == _ink(str(latin_only), second)
    assert _ink(str(SEMIBOLD), first) != _ink(str(SEMIBOLD), second)


def test_the_same_card_gives_the_same_bytes_and_another_card_other_bytes() -> None:
    card = Card("OSA Monitor", "Project", "Coastal radars for the Philippine Navy", "¥600 million · FY2023")
    assert draw_card(card) == draw_card(card)
    other = Card(card.site, card.kind, card.title + " (2)", card.figure)
    assert draw_card(other) != draw_card(card) and card_key(other) != card_key(card)


def _drawn_in_one_pass(card: Card) -> bytes:
    """The card drawn whole, step by step: the design as it was before the band and the kind were
    drawn once for many cards (draw.py's `_background`)."""
    image = Image.new("L", (draw.WIDTH, draw.HEIGHT), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, draw.WIDTH, 96), fill=0)
    bold = lambda size: ImageFont.truetype(str(SEMIBOLD), size, layout_engine=ImageFont.Layout.RAQM)  # noqa: E731
    pen.text((draw.MARGIN, 50), covered(card.site), font=bold(30), fill=255, anchor="lm")
    pen.text((draw.MARGIN, 172), covered(card.kind), font=bold(32), fill=96, anchor="ls")
    lines, size = draw._title_lines(covered(card.title))
    for number, line in enumerate(lines):
        pen.text((draw.MARGIN, 250 + number * round(size * 1.3)), line, font=bold(size), fill=0, anchor="ls")
    pen.rectangle((draw.MARGIN, 500, draw.MARGIN + 96, 506), fill=0)
    regular = ImageFont.truetype(str(REGULAR), 44, layout_engine=ImageFont.Layout.RAQM)
    pen.text((draw.MARGIN, 574), covered(card.figure), font=regular, fill=0, anchor="ls")
    shades = image.point([value * draw.SHADES // 256 for value in range(256)])
    picture = Image.frombytes("P", shades.size, shades.tobytes())
    picture.putpalette(draw._palette())
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=6, compress_type=3)
    return out.getvalue()


CARD_TEXT = st.text(st.sampled_from("ab Z9(·¥ฟิลปนส์กองทัพเรือ<&"), min_size=1, max_size=50)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["OSA Monitor", "OSA มอนิเตอร์"]),
    st.sampled_from(["Project", "โครงการ"]),
    CARD_TEXT,
    CARD_TEXT,
)
def test_a_card_is_the_card_drawn_in_one_pass(site: str, kind: str, title: str, figure: str) -> None:
    """The band and the kind, drawn once for many cards and copied, give the bytes of a card drawn
    whole; drawing a card leaves the shared part as it was (the next card is whole too)."""
    card = Card(site, kind, title, figure)
    assert draw_card(card) == _drawn_in_one_pass(card)
    after = Card(site, kind, figure, title)
    assert draw_card(after) == _drawn_in_one_pass(after)


def test_titles_are_escaped_in_the_tags(zensical_hostile_tree: Path) -> None:
    """The hostile project's title, built by Zensical: the tags hold exactly the title, as text."""
    page = zensical_hostile_tree / "site" / "equipment" / HOSTILE_PROJECT / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "<script>alert" not in text.split("</head>")[0]
    head = head_of(page)
    assert head.one("og:title") == HOSTILE_TITLE == head.one("og:image:alt")


def test_a_rebuild_with_no_change_draws_no_card_and_a_changed_title_draws_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = shipped_copy(tmp_path / "project")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    first = generate_tree(root, tmp_path / "tree")
    assert first.cards_drawn > 100 and first.cards_cached == 0
    again = generate_tree(root, tmp_path / "tree")
    assert (again.cards_drawn, again.cards_cached) == (0, first.cards_drawn)
    assert again.written == 0  # the same pictures, byte for byte
    record = root / "content" / "recipients" / "philippines.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace('name: "Philippines"', 'name: "Filipinas"', 1)
    )
    changed = generate_tree(root, tmp_path / "tree")
    # The English recipient card and the charts naming the country (their PNGs), nothing else.
    assert 1 <= changed.cards_drawn <= 4, changed.cards_drawn
    card = tmp_path / "tree" / "docs" / "cards" / "recipients" / "philippines.png"
    figure = recipient_figure(first.index, "philippines", language("en"))
    assert card.read_bytes() == draw_card(Card("OSA Monitor", "Recipient", "Filipinas", figure))


# --- Line breaking ------------------------------------------------------------------------------

THAI_TITLE = "ระบบเรดาร์เฝ้าระวังชายฝั่งสำหรับกองทัพเรือฟิลิปปินส์"


def test_thai_lines_break_only_between_words() -> None:
    words = thai_words(THAI_TITLE)
    ends = {sum(len(w) for w in words[: i + 1]) for i in range(len(words))}
    lines, fitted = wrap(THAI_TITLE, lambda text: 40.0 * len(text), 400.0, 10)
    assert fitted and len(lines) > 1 and "".join(lines) == THAI_TITLE
    done = 0
    for line in lines[:-1]:
        done += len(line)
        assert done in ends, (line, words)


def test_a_title_too_long_for_its_lines_ends_with_an_ellipsis() -> None:
    lines, fitted = wrap("one two three four five six seven", lambda text: 10.0 * len(text), 90.0, 2)
    assert not fitted and len(lines) == 2 and lines[-1].endswith(ELLIPSIS)
    assert all(10.0 * len(line) <= 90.0 for line in lines)


WORDS = st.lists(
    st.sampled_from(["radar", "boats", "ฟิลิปปินส์", "กองทัพเรือ", "ระบบ", "x", "supercalifragilistic"]),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(WORDS, st.booleans(), st.integers(min_value=8, max_value=40))
def test_wrapping_keeps_every_letter_and_fits_each_line(words: list[str], spaced: bool, width: int) -> None:
    text = (" " if spaced else "").join(words)
    measure = lambda line: float(len(line))  # noqa: E731 - one character, one unit
    lines, fitted = wrap(text, measure, width, 100)
    assert fitted
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(measure(line) <= width for line in lines)
    assert "".join(pieces(text)) == text


# --- The Open Graph front matter ------------------------------------------------------------------


@cache
def shipped_index() -> Index:
    return build_index(load_dataset(ROOT / "content", ROOT))


TITLES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=80, deadline=None)
@given(TITLES, st.booleans())
def test_any_title_reaches_the_front_matter_escaped_and_reads_back(title: str, with_header: bool) -> None:
    ctx = SiteContext(site_url="https://example.org/site/")
    page = (front_matter(title, "A description.") if with_header else "") + "# Heading\n\nText.\n"
    out = add_cards({"pages/x.md": page.encode("utf-8")}, shipped_index(), ctx, CardCache(None))
    meta = read_front_matter(out["pages/x.md"].decode("utf-8"))
    og = meta["osa_og"]
    expected = " ".join(title.replace(ZWSP, "").split()) if with_header else "Heading"
    assert og["title"] == template_text(expected or "OSA Monitor")
    assert "<" not in og["title"] and '"' not in og["title"]
    assert og["url"] == "https://example.org/site/pages/x/"
    assert og["image"] == "https://example.org/site/cards/pages/x.png" and "cards/pages/x.png" in out

"""Painting a card: 1200×630, two tones of the site's indigo, text set with IBM Plex Sans Thai.

The card is drawn in greys and written as a palette PNG of four shades between the ink and the
paper (2 bits a pixel, zlib's run-length strategy): about 8 KB a card, a few milliseconds each.
Text is shaped by Pillow's Raqm layout (HarfBuzz), which places Thai vowels and tone marks; a
character the font lacks is drawn as "?" rather than as an empty box.

`DRAW_VERSION` names this design: change it whenever a change here changes the pictures, so that
cached cards (keyed by it, the fonts' bytes and Pillow's version) are drawn again.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from pathlib import Path

from .wrap import wrap

__all__ = [
    "Card",
    "draw_card",
    "card_key",
    "covered",
    "fonts_digest",
    "FONTS",
    "WIDTH",
    "HEIGHT",
    "DRAW_VERSION",
]

DRAW_VERSION = "1"
WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
REGULAR, SEMIBOLD = FONTS / "IBMPlexSansThai-Regular.ttf", FONTS / "IBMPlexSansThai-SemiBold.ttf"
INK, PAPER = (26, 35, 126), (255, 255, 255)  # Material's indigo 900, white
SHADES = 4  # ink, two mid-tones, paper
MARGIN = 64
# Title sizes tried in turn, each with the lines it may take, until the title fits.
TITLE_SIZES = ((64, 3), (54, 4), (46, 4))


@dataclass(frozen=True)
class Card:
    """What one card shows, as plain text (not escaped)."""

    site: str  # the site's name, in the band at the top
    kind: str  # what the page is: "Project", "ประเทศผู้รับ", "Section"
    title: str
    figure: str  # one key figure: "¥600 million · FY2023"


@cache
def _font(path: Path, size: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


@cache
def _cmap() -> frozenset[int]:
    """The characters both fonts draw (read from the font file by FreeType through Pillow)."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(REGULAR).getBestCmap()) & frozenset(TTFont(SEMIBOLD).getBestCmap())


def covered(text: str) -> str:
    """The text with every character the fonts lack replaced by "?"."""
    cmap = _cmap()
    return "".join(c if ord(c) in cmap or c.isspace() else "?" for c in text)


@cache
def fonts_digest() -> str:
    digest = hashlib.sha256()
    for path in (REGULAR, SEMIBOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def card_key(card: Card) -> str:
    """A name for the picture's bytes: a hash of the card's text, this design, the fonts and Pillow."""
    import PIL

    parts = [DRAW_VERSION, fonts_digest(), PIL.__version__, *asdict(card).values()]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def _title_lines(title: str) -> tuple[list[str], int]:
    width = WIDTH - 2 * MARGIN
    for size, max_lines in TITLE_SIZES:
        font = _font(SEMIBOLD, size)
        lines, fitted = wrap(title, font.getlength, width, max_lines)
        if fitted:
            return lines, size
    return lines, size


def _palette() -> list[int]:
    steps = SHADES - 1
    return [
        round(i + (p - i) * level / steps) for level in range(SHADES) for i, p in zip(INK, PAPER, strict=True)
    ]


@lru_cache(maxsize=16)
def _background(site: str, kind: str):  # type: ignore[no-untyped-def]
    """The band with the site's name, and the page's kind: the same on many cards, so drawn once
    for each pair and copied (the pixels are those of drawing it on every card)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (WIDTH, HEIGHT), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, 96), fill=0)
    pen.text((MARGIN, 50), covered(site), font=_font(SEMIBOLD, 30), fill=255, anchor="lm")
    pen.text((MARGIN, 172), covered(kind), font=_font(SEMIBOLD, 32), fill=96, anchor="ls")
    return image


_TO_SHADES = [value * SHADES // 256 for value in range(256)]


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes: the same card gives the same bytes."""
    from PIL import ImageDraw

    image = _background(card.site, card.kind).copy()
    pen = ImageDraw.Draw(image)
    lines, size = _title_lines(covered(card.title))
    leading = round(size * 1.3)
    for number, line in enumerate(lines):
        pen.text((MARGIN, 250 + number * leading), line, font=_font(SEMIBOLD, size), fill=0, anchor="ls")
    pen.rectangle((MARGIN, 500, MARGIN + 96, 506), fill=0)
    pen.text((MARGIN, 574), covered(card.figure), font=_font(REGULAR, 44), fill=0, anchor="ls")
    picture = image.point(_TO_SHADES)
    picture.putpalette(_palette())  # the grey image becomes a palette one, without a copy
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=6, compress_type=3)  # 3: zlib's Z_RLE strategy
    return out.getvalue()

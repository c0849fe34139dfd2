"""Heading ids for the Thai edition: Thai words kept whole (vowel and tone marks too), no invisible
characters, spaces as the separator; only the Thai tree's mkdocs.yml names this slugify. The ids on
the built pages are checked in test_thai_edition.py, and under Zensical in test_zensical.py."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from mkdocs.utils.yaml import yaml_load

from osa_site.i18n.editions import edition_config
from osa_site.i18n.segment import ZWSP, segment_markdown
from osa_site.i18n.slugs import slugify
from osa_site.output.generate import dump_config


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        (f"ที่มา{ZWSP}ของ{ZWSP}ข้อมูล", "ที่มาของข้อมูล"),  # marks ่ ้ ู kept; pymdownx's slug gives ทมาของขอมล
        (f"ยืนยัน{ZWSP}แล้ว มี{ZWSP}รายงาน", "ยืนยันแล้ว-มีรายงาน"),
        ("OSA เพิ่ม\u200cการ\ufeffป้องปราม?", "osa-เพิ่มการป้องปราม"),
        ("ไทย\u00a0และติมอร์-เลสเต: ปี 2568", "ไทย-และติมอร์-เลสเต-ปี-2568"),
        ("Why these partners?", "why-these-partners"),
    ],
)
def test_slugs_keep_thai_words_and_drop_invisible_characters(heading: str, slug: str) -> None:
    assert slugify(heading, "-") == slug


THAI_TEXT = st.text(alphabet=st.sampled_from("กขคงจมยรลวสหอะาิีุูเแโใไ่้๊๋ำั ?:-\u200b\u200c"), max_size=40)


@settings(max_examples=60, deadline=None)
@given(THAI_TEXT)
def test_a_slug_holds_no_space_and_no_invisible_character(text: str) -> None:
    slug = slugify(text, "-")
    assert not [c for c in slug if c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs")]
    assert slugify(slug, "-") == slug


@settings(max_examples=40, deadline=None)
@given(THAI_TEXT)
def test_segmenting_a_heading_for_search_does_not_change_its_slug(text: str) -> None:
    assert slugify(segment_markdown(text), "-") == slugify(text, "-")


def test_repeated_headings_get_unique_ids() -> None:
    md = Markdown(extensions=["toc"], extension_configs={"toc": {"slugify": slugify}})
    html = md.convert(f"## หมาย{ZWSP}เหตุ\n\n## หมาย{ZWSP}เหตุ\n\n## ?\n")
    assert 'id="หมายเหตุ"' in html and 'id="หมายเหตุ_1"' in html and 'id="_1"' in html


def toc_options(config: dict) -> dict:
    return next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)


@pytest.mark.parametrize("extensions", [[{"toc": {"permalink": False}}], ["toc"], ["tables"]])
def test_only_the_thai_tree_config_names_the_slugify(extensions: list) -> None:
    config = {"site_name": "x", "markdown_extensions": extensions}
    english = yaml_load(dump_config(edition_config(config, "en")))
    assert english["markdown_extensions"] == extensions
    thai = yaml_load(dump_config(edition_config(config, "th")))  # as MkDocs reads the tree's mkdocs.yml
    assert toc_options(thai)["slugify"] is slugify
    assert toc_options(thai).get("permalink", False) is False

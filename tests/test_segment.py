"""Thai word segmentation for search: U+200B between words, nothing else touched."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.i18n.segment import ZWSP, WordSet, segment_markdown, thai_words


def test_thai_running_text_is_cut_into_words() -> None:
    out = segment_markdown("ญี่ปุ่นมอบเรดาร์ชายฝั่งให้ฟิลิปปินส์")
    assert out.split(ZWSP) == ["ญี่ปุ่น", "มอบ", "เรดาร์", "ชายฝั่ง", "ให้", "ฟิลิปปินส์"]


def test_tags_attributes_link_targets_and_attribute_lists_are_left_alone() -> None:
    text = '<span title="ระดับความเชื่อมั่น">ยืนยันแล้ว</span> [เรดาร์ชายฝั่ง](../a/ชายฝั่ง.md) ## หัวข้อหลัก { #osa-ก }'
    out = segment_markdown(text)
    assert 'title="ระดับความเชื่อมั่น"' in out and "(../a/ชายฝั่ง.md)" in out and "{ #osa-ก }" in out
    assert f"ยืนยัน{ZWSP}แล้ว" in out and f"[เรดาร์{ZWSP}ชายฝั่ง]" in out


def test_text_without_thai_is_returned_unchanged() -> None:
    text = "# Coastal radars\n\n[Link](a.md) <b>x</b>\n"
    assert segment_markdown(text) is text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("กขคงจมยรลวสหอะาิีุูเแโใไ่้๊๋ abc<>[]()\n"), max_size=60))
def test_removing_the_separators_gives_back_the_input(text: str) -> None:
    assert segment_markdown(text).replace(ZWSP, "") == text


def test_segmentation_needs_no_download_and_no_network() -> None:
    """PyThaiNLP's newmm dictionary ships in the package: cutting works with sockets refused."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network refused')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from osa_site.i18n.segment import thai_words\n"
        "print('|'.join(thai_words('เรือตรวจการณ์ชายฝั่ง')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == list(thai_words("เรือตรวจการณ์ชายฝั่ง"))


_THAI_LETTERS = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะัาำิีึืุูเแโใไ็่้๊๋์"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(_THAI_LETTERS), min_size=1, max_size=40))
def test_the_word_set_cuts_like_pythainlps_own_dictionary(run: str) -> None:
    """`WordSet` stands in for PyThaiNLP's trie: every run of Thai letters gets the same words."""
    from pythainlp.tokenize import word_tokenize

    assert list(thai_words(run)) == word_tokenize(run, engine="newmm", keep_whitespace=False)


def test_the_word_set_cuts_the_shipped_thai_text_like_pythainlp() -> None:
    import re
    from pathlib import Path

    from pythainlp.tokenize import word_tokenize

    root = Path(__file__).resolve().parent.parent
    text = "".join(
        p.read_text(encoding="utf-8")
        for p in sorted((root / "content").rglob("*.*"))
        if p.suffix in {".md", ".yaml"}
    )
    runs = sorted(set(re.findall(r"[\u0e00-\u0e7f]+", text)))
    assert len(runs) > 500  # the shipped content has Thai text on every record
    assert [list(thai_words(r)) for r in runs] == [
        word_tokenize(r, engine="newmm", keep_whitespace=False) for r in runs
    ]


def test_the_word_set_lists_every_word_at_a_position() -> None:
    words = WordSet(["เรือ", "เรือตรวจ", "ตรวจ", "ตรวจการณ์", " ชาย "])
    assert words.prefixes("เรือตรวจการณ์") == ["เรือ", "เรือตรวจ"]
    assert words.prefixes("เรือตรวจการณ์", 4) == ["ตรวจ", "ตรวจการณ์"]
    assert words.prefixes("ชายฝั่ง") == ["ชาย"] and words.prefixes("ฝั่ง") == []

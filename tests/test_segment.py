"""Thai word segmentation for search: U+200B between words, nothing else touched."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from osa_site.segment import ZWSP, segment_markdown, thai_words


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
        "from osa_site.segment import thai_words\n"
        "print('|'.join(thai_words('เรือตรวจการณ์ชายฝั่ง')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == list(thai_words("เรือตรวจการณ์ชายฝั่ง"))

"""Reading rendered PDFs back the way a person or a machine would: poppler's pdftotext."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass

import pytest

MM_PER_PT = 25.4 / 72


def _pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        pytest.fail(
            "pdftotext is missing: install Debian's poppler-utils (`.ci/run` does).", pytrace=False
        )
    return path


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """All text; NBSP and narrow NBSP (babel's digit grouping) read as plain spaces."""
    args = [_pdftotext(), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    result = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8").replace("\u00a0", " ").replace("\u202f", " ")


def pdf_pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float  # mm from the sheet's left edge
    y0: float  # mm from the sheet's top edge
    x1: float
    y1: float

    def overlaps(self, other: Word, tolerance: float = 0.05) -> bool:
        return (
            self.page == other.page
            and min(self.x1, other.x1) - max(self.x0, other.x0) > tolerance
            and min(self.y1, other.y1) - max(self.y0, other.y0) > tolerance
        )


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_words(pdf: bytes) -> list[Word]:
    """Every word with its box in millimetres (pdftotext -bbox)."""
    result = subprocess.run(
        [_pdftotext(), "-bbox", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    words = []
    for page_number, page in enumerate(result.stdout.decode("utf-8").split("<page ")[1:], 1):
        for x0, y0, x1, y1, text in WORD.findall(page):
            words.append(
                Word(
                    page_number,
                    html.unescape(text),
                    float(x0) * MM_PER_PT,
                    float(y0) * MM_PER_PT,
                    float(x1) * MM_PER_PT,
                    float(y1) * MM_PER_PT,
                )
            )
    return words


def squash(text: str) -> str:
    """Whitespace-insensitive text, to find phrases that wrap across lines."""
    return re.sub(r"\s+", " ", text.replace("\u200b", ""))

"""Rebuild static/fonts/be-vietnam-pro/be-vietnam-pro-vi-<weight>-normal.woff2 (run by hand, rarely).

@fontsource/be-vietnam-pro splits each weight into latin, latin-ext and vietnamese files. Vietnamese
text needs the latin and vietnamese ones in every line (`Tập` is `T`, `ậ`, `p`), so a page used to
fetch nine files and lay its text out again as each arrived. This merges latin and vietnamese into
one file per weight (the vietnamese subset also holds ă, đ, ĩ, ũ, ơ, ư, so latin-ext is not needed).

    python -m venv /tmp/fonts && /tmp/fonts/bin/pip install fonttools brotli
    npm pack @fontsource/be-vietnam-pro@5.3.0 && tar xf fontsource-be-vietnam-pro-5.3.0.tgz
    /tmp/fonts/bin/python scripts/merge_fonts.py package/files static/fonts/be-vietnam-pro
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

WEIGHTS = (400, 600, 700)


def merge(source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for weight in WEIGHTS:
            parts = []
            for subset in ("latin", "vietnamese"):
                font = TTFont(source / f"be-vietnam-pro-{subset}-{weight}-normal.woff2")
                font.flavor = None  # the merger reads plain TrueType
                part = Path(tmp) / f"{subset}-{weight}.ttf"
                font.save(part)
                parts.append(str(part))
            merged = Merger().merge(parts)
            merged.flavor = "woff2"
            merged.save(target / f"be-vietnam-pro-vi-{weight}-normal.woff2")


if __name__ == "__main__":
    merge(Path(sys.argv[1]), Path(sys.argv[2]))

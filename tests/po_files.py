"""Reads gettext .po files for the catalogue tests: every entry with its msgid, its translations
and the source files that use it (the `#:` lines)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    msgctxt: str = ""
    plural: str = ""
    msgstrs: list[str] = field(default_factory=list)
    references: set[str] = field(default_factory=set)  # "templates/base.html", without line numbers
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs)


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$")


def read_po(path: Path) -> list[Entry]:
    """The entries of the .po file at `path`, the header (empty msgid) left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, current = Entry(msgid=""), None
        values: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith("#:"):
                entry.references.update(ref.rsplit(":", 1)[0] for ref in line[2:].split())
            elif line.startswith("#,") and "fuzzy" in line:
                entry.fuzzy = True
            elif found := _KEYWORD.match(line):
                current = found.group(1)
                values[current] = json.loads(found.group(2))
            elif line.startswith('"') and current:
                values[current] += json.loads(line)
        if not values.get("msgid"):
            continue
        entry.msgid = values["msgid"]
        entry.msgctxt = values.get("msgctxt", "")
        entry.plural = values.get("msgid_plural", "")
        entry.msgstrs = [v for k, v in sorted(values.items()) if k.startswith("msgstr")]
        entries.append(entry)
    return entries

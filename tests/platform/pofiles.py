"""A small reader for gettext .po files, enough to check that each catalogue is filled and compiled."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    obsolete: bool = False


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] = ("msgid", 0)

    def append(value: str) -> None:
        name, index = target
        if name == "msgstr":
            current.msgstr[index] = current.msgstr.get(index, "") + value
        else:
            setattr(current, name, (getattr(current, name) or "") + value)

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current.msgid and not current.msgstr:
                continue  # gettext allows blank lines inside an entry, between msgid and msgstr
            if current.msgid or current.msgstr:
                entries.append(current)
            current = Entry()
            continue
        if line.startswith("#~"):
            current.obsolete = True
        elif line.startswith("#,"):
            current.fuzzy = current.fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            append(ast.literal_eval(line))
        else:
            keyword, _, rest = line.partition(" ")
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(keyword[7:-1]) if "[" in keyword else 0)
            else:
                target = (keyword, 0)
                setattr(current, keyword, "")
            append(ast.literal_eval(rest))
    return [e for e in entries if not e.obsolete]

#!/usr/bin/env python3
"""List entries of the English catalogue that still need a translator.

    python scripts/translate_po_check.py [path/to/django.po]

Reports every entry that is untranslated (an empty msgstr), fuzzy (makemessages' guess after a
source string changed), or whose %(name)s placeholders differ from the msgid's. Obsolete "#~"
entries are ignored. Exits 1 if anything is listed, 0 if the catalogue is complete.

Standard library only, so it runs anywhere the project does. Typical second pass:

    python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=staticfiles
    python scripts/translate_po_check.py          # what needs translating
    (translate, remove the "#, fuzzy" flags)
    python manage.py compilemessages --ignore=.venv
"""

import ast
import re
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]")


def parse(text):
    """Yield one dict per entry: refs, flags, msgctxt, msgid, msgstrs (a list, one per plural form)."""
    entry, field = None, None

    def new():
        return {"refs": [], "flags": set(), "msgctxt": None, "msgid": None, "msgstrs": {}, "line": 0}

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            if entry and entry["msgid"] is not None:
                yield entry
            entry, field = None, None
            continue
        if line.startswith("#~"):  # obsolete entry
            continue
        if entry is None or (line.startswith("#") and entry["msgstrs"]):  # tolerate a missing blank line
            if entry and entry["msgid"] is not None:
                yield entry
            entry, field = new(), None
        if line.startswith("#:"):
            entry["refs"].extend(line[2:].split())
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field == "msgctxt":
                entry["msgctxt"] += value
            elif field == "msgid":
                entry["msgid"] += value
            elif field is not None:
                entry["msgstrs"][field] += value
        else:
            keyword, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if keyword == "msgctxt":
                if entry["msgid"] is not None:  # no blank line between entries
                    yield entry
                    entry = new()
                entry["msgctxt"], field = value, "msgctxt"
            elif keyword == "msgid":
                if entry["msgid"] is not None:
                    yield entry
                    entry = new()
                entry["msgid"], field, entry["line"] = value, "msgid", number
            elif keyword == "msgid_plural":
                entry["msgid_plural"], field = value, None
            elif keyword.startswith("msgstr"):
                field = keyword
                entry["msgstrs"][field] = value
    if entry and entry["msgid"] is not None:
        yield entry


def problems(entry):
    found = []
    if "fuzzy" in entry["flags"]:
        found.append("fuzzy")
    msgstrs = list(entry["msgstrs"].values())
    if not msgstrs or any(not s for s in msgstrs):
        found.append("untranslated")
    else:
        wanted = set(PLACEHOLDER.findall(entry["msgid"]))
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in msgstrs):
            found.append("placeholders differ")
    return found


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"{path} not found; run makemessages -l en first.", file=sys.stderr)
        return 2
    total, listed = 0, 0
    for entry in parse(path.read_text(encoding="utf-8")):
        if entry["msgid"] == "":  # the header
            continue
        total += 1
        found = problems(entry)
        if not found:
            continue
        listed += 1
        context = f" [context: {entry['msgctxt']}]" if entry["msgctxt"] else ""
        where = entry["refs"][0] if entry["refs"] else f"{path.name}:{entry['line']}"
        print(f"{', '.join(found)}: {entry['msgid']!r}{context}  ({where}; po line {entry['line']})")
    print(f"{listed} of {total} entries need attention in {path}", file=sys.stderr)
    return 1 if listed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

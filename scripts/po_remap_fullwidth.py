#!/usr/bin/env python3
"""Keep the English translations of strings whose only change is full-width punctuation.

    python scripts/fix_fullwidth.py
    python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=node_modules
    python scripts/po_remap_fullwidth.py [--from OLD.po] [path/to/django.po ...]
    python manage.py compilemessages --ignore=.venv

After fix_fullwidth.py rewrote "名称(选填)" into "名称（选填）", makemessages finds a new msgid:
it marks the entry fuzzy (or leaves it untranslated) and moves the old one to the obsolete
"#~" entries. This script gives each such entry the msgstr of the old entry whose msgid is the
same once the marks are made ASCII again and spaces are ignored, clears the fuzzy flag and the
"#|" previous msgid, and drops the obsolete entries it used. Nothing else changes. The old
entries are read from the catalogue as committed (git HEAD; or --from OLD.po) and from the
obsolete entries, since msgmerge's fuzzy guesses often take the old entry out of "#~".

It prints how many entries were fuzzy or untranslated before and after; translations are never
lost, only moved. Needs polib (requirements-dev.txt).
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
TO_ASCII = str.maketrans(
    {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "“": '"', "”": '"', "。": "."}
)


def key(text):
    """The msgid with its marks made ASCII and its spaces dropped."""
    return "".join((text or "").translate(TO_ASCII).split())


def pending(po):
    return [e for e in po if not e.obsolete and ("fuzzy" in e.flags or not e.translated())]


def committed_text(path):
    """The catalogue's text as committed at git HEAD, or None."""
    try:
        rel = Path(path).resolve().relative_to(ROOT)
        text = subprocess.run(
            ["git", "show", f"HEAD:{rel.as_posix()}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (ValueError, subprocess.CalledProcessError, OSError):
        return None
    return text


def _blocks(lines):
    """Map each entry's msgid line number (1-based, as polib counts) to its block's (start, end)."""
    spans, start = {}, None
    for index, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            for number in range(start, index):
                spans[number + 1] = (start, index)
            start = None
    return spans


def _msgstr_part(block):
    """The lines from the first msgstr to the end of the block."""
    for index, line in enumerate(block):
        if line.startswith("msgstr"):
            return index
    return len(block)


def remap(path, source=None):
    """Edit the catalogue's text in place, entry by entry, so its wrapping stays as makemessages
    wrote it: the kept msgstr lines are copied verbatim from the old catalogue."""
    po = polib.pofile(str(path))
    before = len(pending(po))
    earlier_text = Path(source).read_text(encoding="utf-8") if source else committed_text(path)
    candidates = [(e, None) for e in po.obsolete_entries()]
    earlier_lines = []
    if earlier_text is not None:
        earlier = polib.pofile(earlier_text)
        earlier_lines = earlier_text.splitlines()
        candidates += [(e, "earlier") for e in earlier if not e.obsolete and "fuzzy" not in e.flags]
    old = {}
    for entry, origin in candidates:
        if entry.msgstr or any(entry.msgstr_plural.values()):
            old.setdefault((entry.msgctxt, key(entry.msgid), key(entry.msgid_plural)), (entry, origin))
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    spans, earlier_spans = _blocks(lines), _blocks(earlier_lines)
    edits, used = {}, []
    for entry in pending(po):
        found = old.get((entry.msgctxt, key(entry.msgid), key(entry.msgid_plural)))
        if found is None:
            continue
        match, origin = found
        start, end = spans[entry.linenum]
        block = [line for line in lines[start:end] if not line.startswith("#|")]
        for index, line in enumerate(block):
            if line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                block[index] = "#, " + ", ".join(flags) if flags else None
        block = [line for line in block if line is not None]
        if origin == "earlier":
            o_start, o_end = earlier_spans[match.linenum]
            old_block = earlier_lines[o_start:o_end]
            msgstr_lines = old_block[_msgstr_part(old_block) :]
        else:  # an obsolete "#~ msgstr …" entry of this file
            o_start, o_end = spans[match.linenum]
            old_block = [line[3:] if line.startswith("#~ ") else line for line in lines[o_start:o_end]]
            msgstr_lines = old_block[_msgstr_part(old_block) :]
            used.append((o_start, o_end))
        edits[start] = (end, block[: _msgstr_part(block)] + msgstr_lines)
    out, index = [], 0
    dropped = {start: end for start, end in used}
    while index < len(lines):
        if index in edits:
            end, block = edits[index]
            out.extend(block)
            index = end
        elif index in dropped:
            index = dropped[index]
            if index < len(lines) and not lines[index].strip():
                index += 1  # and the blank line after it
        else:
            out.append(lines[index])
            index += 1
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
    after = len(pending(polib.pofile(str(path))))
    print(f"{path}: {len(edits)} translation(s) kept; fuzzy or untranslated {before} -> {after}")
    return after <= before


def main(argv):
    source = None
    if argv[:1] == ["--from"]:
        source, argv = argv[1], argv[2:]
    paths = [Path(p) for p in argv] or [p for p in [DEFAULT, DEFAULT.with_name("djangojs.po")] if p.exists()]
    ok = all(remap(path, source) for path in paths)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

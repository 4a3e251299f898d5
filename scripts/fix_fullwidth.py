#!/usr/bin/env python3
"""Full-width punctuation in Chinese copy: rewrite the ASCII , : ; ( ) ! ? " . that sit in Chinese
text into ,:;()!?“”。 in the source files, in place.

    python scripts/fix_fullwidth.py            # rewrite, print the files changed
    python scripts/fix_fullwidth.py --check    # change nothing; list what would change, exit 1 if any
    python scripts/fix_fullwidth.py FILE ...   # only these files

Only copy is touched, never code:
- Python (*.py): only string literals change (found with the tokenize module); docstrings,
  comments, raw strings, bytes and the patterns given to re.* stay as they are. The {…}
  fields of f-strings and format strings and %(name)s / %s specifiers are left alone.
- Templates (templates/**/*.html, *.txt): text between tags and the values of the visible
  attributes (alt, title, aria-label, placeholder, content, value, label, data-*), plus the
  quoted strings inside {% %} / {{ }} tags that hold Chinese ({% translate "…" %} and the like).
  Tag internals, <script>, <style>, <code>, <pre> and HTML comments stay as they are.
- JavaScript (static/js/*.js): only string literals (and the text of template literals).

A mark is rewritten only when it belongs to Chinese text: , : ; ! ? right after a Chinese
character (or before one, after a digit or a field); a pair ( … ) or " … " that holds Chinese;
a . that ends a sentence after a Chinese character. So 88.4%, 12:30, https://, Y年n月j日 H:i,
file.pdf, Latin sentences and numbers keep their ASCII marks.

Skipped: migrations/ (applied migrations stay as written), tests/, .venv, staticfiles,
node_modules, locale/, README. Idempotent: a second run changes nothing. Standard library only.
"""

import argparse
import io
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {
    ".venv",
    "venv",
    "node_modules",
    "staticfiles",
    "migrations",
    "tests",
    "locale",
    ".git",
    "__pycache__",
    "docs",
    "deploy",
}
SELF = Path(__file__).resolve()

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Chinese characters and the full-width marks that already close or sit in Chinese text.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULL_CLOSE = "\u3001\u3002\uff0c\uff1a\uff1b\uff01\uff1f\uff09\u201d\u300b\u300d\u3011\u2026"
FULL_OPEN = "\uff08\u201c\u300a\u300c\u3010"
FULL_MARKS = "\uff0c\uff1a\uff1b\uff01\uff1f\uff08\uff09\u201c\u201d\u3002"
ASCII_WORD = re.compile(r"[A-Za-z_]")
SIMPLE_MAP = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "!": "\uff01", "?": "\uff1f"}

# Placeholders stand in for the parts that must not change (fields, tags, specifiers) while the
# text around them is converted. Each is one private-use character, so positions stay simple.
PUA_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real copy
DROP = "\x00"  # a space dropped beside a full-width mark, removed at the end
PUA_RE = re.compile("[\U000f0000-\U000ffffd]")


class Masker:
    """Replace protected spans by single private-use characters and put them back afterwards."""

    def __init__(self):
        self.spans = []
        self.han_start = set()  # placeholders whose content begins with Chinese
        self.han_end = set()  # ... ends with Chinese
        self.transparent = set()  # placeholders that show nothing between the words around them

    def hide(self, text, han_start=False, han_end=False, transparent=False):
        char = chr(PUA_BASE + len(self.spans))
        self.spans.append(text)
        if han_start:
            self.han_start.add(char)
        if han_end:
            self.han_end.add(char)
        if transparent:
            self.transparent.add(char)
        return char

    def restore(self, text):
        for _ in range(5):  # a placeholder may hold others (an HTML tag holding a Django tag)
            if not self.spans or not PUA_RE.search(text):
                break
            text = PUA_RE.sub(lambda m: self.spans[ord(m.group()) - PUA_BASE], text)
        return text

    def is_placeholder(self, char):
        return PUA_BASE <= ord(char) < PUA_BASE + len(self.spans)


def _is_han(char):
    return bool(CJK_RE.match(char))


class Converter:
    """Convert one run of text in which `masker`'s placeholders stand for protected spans."""

    def __init__(self, masker):
        self.m = masker

    def han_before(self, char):  # the character before a mark: does Chinese text end there?
        return _is_han(char) or char in FULL_CLOSE or char in self.m.han_end

    def han_after(self, char):  # the character after a mark: does Chinese text start there?
        return _is_han(char) or char in FULL_OPEN or char in self.m.han_start

    def has_han(self, text):
        return bool(CJK_RE.search(text)) or any(c in self.m.han_start or c in self.m.han_end for c in text)

    def neutral(self, char):  # a digit, a field or a % that may sit inside Chinese text
        return char.isdigit() or self.m.is_placeholder(char) or char in "%\u00b7"

    def convert(self, text):
        if not CJK_RE.search(text) and not (self.m.han_start or self.m.han_end):
            return text
        # HTML entities (&nbsp;) are code, not a ; in the text
        text = re.sub(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);", lambda m: self.m.hide(m.group()), text)
        # Set aside what shows nothing ({% if %}, <strong>) so the words around it meet; every
        # step below keeps the length (a dropped space becomes DROP), so they go back in place.
        kept, aside = [], []
        for char in text:
            if char in self.m.transparent:
                aside.append((len(kept), char))
            else:
                kept.append(char)
        out = "".join(kept)
        out = self._parens(out)
        out = self._lone_parens(out)
        out = self._quotes(out)
        out = self._simple(out)
        out = self._lone_parens(out)
        out = self._period(out)
        if aside:
            merged, k = [], 0
            for index, char in enumerate(out):
                while k < len(aside) and aside[k][0] == index:
                    merged.append(aside[k][1])
                    k += 1
                merged.append(char)
            merged.extend(char for _, char in aside[k:])
            out = "".join(merged)
        return out.replace(DROP, "")

    # ( … ) holding Chinese, or right after Chinese
    def _parens(self, text):
        out = text
        for _ in range(3):  # nested pairs, innermost first
            new = re.sub(r"\(([^()\n]{0,300})\)", self._paren_pair, out)
            if new == out:
                break
            out = new
        return out

    def _paren_pair(self, match):
        inner = match.group(1)
        text, start, end = match.string, match.start(), match.end()
        prev = text[start - 1 : start]
        nxt = text[end : end + 1]
        before = text[:start].rstrip(" ")[-1:]
        if before == "%" and re.fullmatch(r"\w+", inner):  # %(name)s outside a mask
            return match.group()
        if re.match(r"\?[:P=!<]", inner) or re.search(r"[|\\\[\]]", inner):  # a regex group
            return match.group()
        if self.has_han(inner):
            if before and ASCII_WORD.match(before) and not self._chinese_sentence(text, start):
                return match.group()  # "rooms (启用/停用)": an English sentence naming a term
        elif (prev and self.han_before(prev)) or (nxt and self.han_after(nxt)):
            pass  # "列表(PDF)", "Excel(.xlsx)文件"
        elif not re.search(r"[A-Za-z]", inner) and self._chinese_sentence(text, start):
            pass  # "(%(status)s)" in a Chinese sentence
        else:
            return match.group()  # "。 (pg_dump is not on PATH.)": an English aside
        stripped = inner.strip(" ")
        lead = inner.index(stripped) if stripped else len(inner)
        inner = DROP * lead + stripped + DROP * (len(inner) - lead - len(stripped))
        return f"\uff08{inner}\uff09"

    def _lone_parens(self, text):
        """A ( right before Chinese or a ) right after it whose partner sits in another literal."""
        text = re.sub(rf"\((?=[{HAN}])", "\uff08", text)
        text = re.sub(rf"(?<=[{HAN}])\)", "\uff09", text)
        # a literal that starts with the ) closing a ( of the previous one: ") ，是否恢复"
        text = re.sub(rf"^\)(?=[{HAN}{FULL_CLOSE},:;])", "\uff09", text)
        return re.sub(rf"(?<=[{HAN}])\($", "\uff08", text)

    def _chinese_sentence(self, text, index):
        """Is the text around index mostly Chinese (more Chinese than Latin letters)?"""
        window = text[max(0, index - 40) : index + 40]
        return len(CJK_RE.findall(window)) > len(re.findall(r"[A-Za-z]", window))

    # " … " holding Chinese
    def _quotes(self, text):
        def pair(match):
            inner = match.group(1)
            if not self.has_han(inner):
                return match.group()
            before = text[: match.start()]
            if before.rstrip(" ")[-1:] == "=":  # an attribute value, not a quotation
                return match.group()
            before_char = text[match.start() - 1] if match.start() else ""
            after_char = text[match.end()] if match.end() < len(text) else ""
            around = before_char + after_char
            if re.search(r"[A-Za-z0-9]", around):  # 'yyyy"年"m': an Excel number format
                return match.group()
            if (before_char and before_char in "([") or (after_char and after_char in ")]"):
                # 'h1:has-text("标题")': the quotes of code
                return match.group()
            return f"\u201c{inner}\u201d"

        return re.sub(r'"([^"\n<>=]{1,200})"', pair, text)

    # , : ; ! ? after Chinese (or between a digit/field and Chinese)
    def _simple(self, text):
        chars = list(text)
        n = len(chars)
        for i, c in enumerate(chars):
            if c not in SIMPLE_MAP:
                continue
            j = i - 1
            while j >= 0 and chars[j] == " ":
                j -= 1
            prev = chars[j] if j >= 0 else ""
            k = i + 1
            while k < n and chars[k] == " ":
                k += 1
            nxt = chars[k] if k < n else ""
            after2 = "".join(chars[i + 1 : i + 3])
            if c == ":" and after2 == "//":
                continue
            if c in "!?" and after2[:1] == "=":
                continue
            if c == "?" and re.match(r"[\w\-]+=", "".join(chars[i + 1 : i + 30])):
                continue  # ?q=… in a URL
            right = chars[i + 1] if i + 1 < n else ""
            if prev and self.han_before(prev):
                pass  # "名称:"
            elif right and self.han_after(right):
                pass  # "YYYY-MM-DD,北京时间", ",希望…" continuing an earlier literal
            elif nxt and self.han_after(nxt) and prev and (self.neutral(prev) or prev in ")”"):
                pass  # "共 5 条, 其中"
            else:
                continue
            chars[i] = SIMPLE_MAP[c]
            # a full-width mark carries its own space: drop the plain spaces beside it
            for p in range(j + 1, i):
                chars[p] = DROP
            if k < n and chars[k] != "\n":
                for p in range(i + 1, k):
                    chars[p] = DROP
        return "".join(chars)

    # a sentence-ending . after Chinese (or after a full-width ） ” closing Chinese)
    def _period(self, text):
        def repl(match):
            rest = text[match.end() :]
            stripped = rest.lstrip(" ")
            if rest.startswith(".") or re.match(r"[A-Za-z0-9_./]", stripped[:1] or " "):
                return match.group()
            return match.group(1) + "\u3002"

        return re.sub(f"([{HAN}\uff09\u201d\u300b\u300d\u3011])\\.(?!\\.)", repl, text)


# ---------------------------------------------------------------- Python
FORMAT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[sdifrxXeEgGcoa%]")
RE_FUNCS = {"compile", "match", "search", "sub", "subn", "split", "findall", "finditer", "fullmatch"}
STRING_PREFIX = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")", re.S)


def _mask_fields(body, is_f, masker):
    """Hide {…} fields (of f-strings and format strings) and % specifiers in a string body."""
    out, i, n = [], 0, len(body)
    while i < n:
        c = body[i]
        if c in "{}" and body[i : i + 2] in ("{{", "}}"):
            out.append(masker.hide(body[i : i + 2]))
            i += 2
            continue
        if c == "{":
            depth, j = 0, i
            while j < n:
                if body[j] == "{":
                    depth += 1
                elif body[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                elif body[j] in "'\"" and is_f:  # a string inside an f-string field
                    q = body[j]
                    j += 1
                    while j < n and body[j] != q:
                        j += 1
                j += 1
            field = body[i : j + 1]
            if is_f or re.fullmatch(r"\{[\w.\[\]]*(?:![rsa])?(?::[^{}]*)?\}", field):
                out.append(masker.hide(field))
                i = j + 1
                continue
        if c == "%":
            m = FORMAT_SPEC.match(body, i)
            if m:
                out.append(masker.hide(m.group()))
                i = m.end()
                continue
        if c == "\\" and i + 1 < n:  # escapes stay as they are
            m = re.match(r"\\(?:N\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", body[i:], re.S)
            out.append(masker.hide(m.group()))
            i += len(m.group())
            continue
        out.append(c)
        i += 1
    return "".join(out)


def convert_python_string(token):
    """Convert the copy in one string literal token; return the new token text."""
    m = STRING_PREFIX.match(token)
    if not m:
        return token
    prefix, quote = m.group(1).lower(), m.group(2)
    if "b" in prefix or "r" in prefix:
        return token
    body = token[len(m.group()) : len(token) - len(quote)]
    if not CJK_RE.search(body):
        return token
    new_body = convert_copy(body, is_f="f" in prefix, python=True)
    if len(quote) == 1 and quote in new_body.replace("\\" + quote, ""):
        return token  # would break the literal (cannot happen, but never risk it)
    return token[: len(m.group())] + new_body + quote


def convert_copy(body, is_f=False, python=False):
    """Convert a string body (Python or JS literal contents, or a translate argument)."""
    masker = Masker()
    if "<" in body and re.search(r"<[A-Za-z/][^<>]*>", body):  # HTML inside the string
        masked = _mask_fields(body, is_f, masker) if python else body
        return masker.restore(convert_html(masked, outer=masker))
    masked = _mask_fields(body, is_f, masker) if python else body
    return masker.restore(Converter(masker).convert(masked))


def convert_python(source):
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    edits = []
    for index, tok in enumerate(tokens):
        if tok.type != tokenize.STRING or not CJK_RE.search(tok.string):
            continue
        # docstring: a string statement on its own (possibly several implicitly joined)
        first = index
        while first > 0 and tokens[first - 1].type in (tokenize.STRING, tokenize.NL, tokenize.COMMENT):
            first -= 1
        prev = [t for t in tokens[:first] if t.type not in (tokenize.NL, tokenize.COMMENT)]
        if not prev or prev[-1].type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            nxt = next(
                (t for t in tokens[index + 1 :] if t.type not in (tokenize.NL, tokenize.COMMENT, tokenize.STRING)),
                None,
            )
            if nxt is None or nxt.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                continue
        # a pattern given to re.compile(...) and the like
        head = [t.string for t in prev[-4:]] if prev else []
        if len(head) >= 4 and head[-4] == "re" and head[-3] == "." and head[-2] in RE_FUNCS and head[-1] == "(":
            continue
        new = convert_python_string(tok.string)
        if new != tok.string:
            start = offsets[tok.start[0] - 1] + tok.start[1]
            end = offsets[tok.end[0] - 1] + tok.end[1]
            edits.append((start, end, new))
    for start, end, new in reversed(edits):
        source = source[:start] + new + source[end:]
    return source


# ---------------------------------------------------------------- templates and HTML
DJANGO_TAG = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})", re.S)
QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*')")
HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ATTR = re.compile(r"([\w:.-]+)(\s*=\s*)(\"[^\"]*\"|'[^']*')", re.S)
VISIBLE_ATTRS = {"alt", "title", "aria-label", "placeholder", "content", "value", "label", "summary"}
RAW_ELEMENTS = ("script", "style", "code", "pre", "kbd", "samp", "textarea")
SKIP_BLOCK = re.compile(
    r"<!--.*?-->|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{%\s*verbatim\s*%}.*?{%\s*endverbatim\s*%}",
    re.S,
)


def _convert_django_tag(tag):
    """The quoted strings that hold Chinese inside a {% %} or {{ }} tag (translate arguments,
    include with title="…", default:"…")."""
    if tag.startswith("{#"):
        return tag

    def quoted(m):
        lit = m.group()
        body = lit[1:-1]
        if not CJK_RE.search(body):
            return lit
        new = convert_copy(body)
        if lit[0] in new:
            new = new.replace(lit[0], "\u201c" if lit[0] == '"' else lit[0])
        return lit[0] + new + lit[0]

    return QUOTED.sub(quoted, tag)


def _translate_literal(tag):
    m = re.match(r"{%\s*(?:translate|trans)\s+(\"[^\"]*\"|'[^']*')", tag)
    return m.group(1)[1:-1] if m else None


def convert_template(source):
    masker = Masker()

    def hide_django(m):
        tag = _convert_django_tag(m.group())
        literal = _translate_literal(tag)
        start = bool(literal) and bool(CJK_RE.match(literal[:1]))
        end = (
            bool(literal) and bool(CJK_RE.match(literal[-1:] or " ")) or (bool(literal) and literal[-1:] in FULL_CLOSE)
        )
        return masker.hide(tag, han_start=start, han_end=end, transparent=_shows_nothing(tag))

    # comments and verbatim blocks first, whole; then every other Django tag
    text = SKIP_BLOCK.sub(lambda m: masker.hide(m.group(), transparent=True), source)
    text = DJANGO_TAG.sub(hide_django, text)
    return masker.restore(convert_html(text, outer=masker))


# Block tags that write something into the page; every other {% %} tag shows nothing.
OUTPUT_TAGS = {
    "translate",
    "trans",
    "url",
    "include",
    "firstof",
    "now",
    "cycle",
    "csrf_token",
    "static",
    "widthratio",
    "templatetag",
    "lorem",
    "debug",
    "querystring",
}
# Inline elements: the words on either side of them read as one run of text.
INLINE_ELEMENTS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "cite",
    "data",
    "dfn",
    "em",
    "i",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
    "ins",
    "del",
    "label",
    "output",
}


def _shows_nothing(tag):
    if tag.startswith("{#"):
        return True
    if not tag.startswith("{%"):
        return False
    name = (tag[2:-2].split() or [""])[0]
    return name not in OUTPUT_TAGS


def convert_html(text, outer=None):
    """Convert the text nodes and visible attribute values of an HTML fragment whose Django
    tags (if any) are already masked by `outer`."""
    masker = outer or Masker()

    def raw(m):
        return masker.hide(m.group())

    raw_re = re.compile(r"<(" + "|".join(RAW_ELEMENTS) + r")\b[^>]*>.*?</\1\s*>", re.S | re.I)
    text = raw_re.sub(raw, text)

    def tag(m):
        attrs = ATTR.sub(_attr, m.group(3))
        inline = m.group(2).lower() in INLINE_ELEMENTS
        return masker.hide(f"<{m.group(1)}{m.group(2)}{attrs}>", transparent=inline)

    def _attr(m):
        name, eq, value = m.group(1), m.group(2), m.group(3)
        if name.lower() not in VISIBLE_ATTRS and not name.lower().startswith("data-"):
            return m.group()
        quote, body = value[0], value[1:-1]
        new = Converter(masker).convert(body)  # the value may hold masked Django tags
        new = new.replace(quote, "\u201c" if quote == '"' else quote)
        return f"{name}{eq}{quote}{new}{quote}"

    text = HTML_TAG.sub(tag, text)
    return Converter(masker).convert(text) if outer else masker.restore(Converter(masker).convert(text))


# ---------------------------------------------------------------- JavaScript
JS_TOKEN = re.compile(
    r"""(?P<comment>//[^\n]*|/\*.*?\*/)
      | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<template>`(?:[^`\\]|\\.)*`)
      | (?P<regex>(?<=[=(,:;!&|?{}\[\n])\s*/(?![/*])(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*)
    """,
    re.S | re.X,
)


def convert_js(source):
    def repl(m):
        if m.group("string"):
            lit = m.group("string")
            body = lit[1:-1]
            if not CJK_RE.search(body):
                return lit
            masker = Masker()
            masked = re.sub(r"\\.", lambda e: masker.hide(e.group()), body)
            new = masker.restore(Converter(masker).convert(masked))
            if lit[0] in new:
                return lit
            return lit[0] + new + lit[0]
        if m.group("template"):
            lit = m.group("template")
            if not CJK_RE.search(lit):
                return lit
            masker = Masker()
            masked = re.sub(r"\$\{[^}]*\}|\\.", lambda e: masker.hide(e.group()), lit[1:-1])
            new = masker.restore(Converter(masker).convert(masked))
            return "`" + new.replace("`", "\\`") + "`"
        return m.group()

    return JS_TOKEN.sub(repl, source)


# ---------------------------------------------------------------- files
def convert_file_text(path, text):
    suffix = path.suffix
    if suffix == ".py":
        return convert_python(text)
    if suffix == ".js":
        return convert_js(text)
    if suffix in (".html", ".txt"):
        return convert_template(text)
    return text


def source_files(root=ROOT):
    def walk(directory):
        for entry in sorted(directory.iterdir()):
            if entry.is_dir():
                if entry.name in SKIP_DIRS or entry.name.startswith("."):
                    continue
                yield from walk(entry)
            elif entry.is_file():
                yield entry

    for path in walk(root):
        rel = path.relative_to(root)
        if path.resolve() == SELF:
            continue
        if path.suffix == ".py" and rel.parts[0] != "scripts":
            yield path
        elif path.suffix in (".html", ".txt") and "templates" in rel.parts:
            yield path
        elif path.suffix == ".js" and rel.parts[:2] == ("static", "js"):
            yield path


def _changed_lines(old, new):
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), 1):
        if a != b:
            yield number, a.strip(), b.strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = [f.resolve() for f in args.files] if args.files else list(source_files())
    changed = 0
    marks = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if not CJK_RE.search(text):
            continue
        new = convert_file_text(path, text)
        if new == text:
            continue
        changed += 1
        marks += sum(new.count(mark) - text.count(mark) for mark in FULL_MARKS)
        try:
            rel = path.relative_to(ROOT)
        except ValueError:
            rel = path
        if args.check:
            for number, a, b in _changed_lines(text, new):
                print(f"{rel}:{number}: {a}\n{' ' * len(str(rel))}  -> {b}")
        else:
            path.write_text(new, encoding="utf-8")
            print(rel)
    if args.check:
        if changed:
            print(
                f"{changed} file(s), {marks} mark(s): ASCII punctuation in Chinese copy; run scripts/fix_fullwidth.py"
            )
            return 1
        return 0
    print(f"{changed} file(s) rewritten, {marks} mark(s) made full-width", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

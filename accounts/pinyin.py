"""Pinyin of people's names, for sorting members and for finding them by initials.

pypinyin (with its phrase dictionary) gives the readings. accounts is below rooms, so this does
not reuse `rooms.pinyin`; a name needs no place-name readings anyway."""

from pypinyin import Style, lazy_pinyin


def name_pinyin(name: str) -> str:
    """The toneless syllables of `name`, space separated and lower case: “xiang lei”."""
    return " ".join(lazy_pinyin(name or "", style=Style.NORMAL, errors="default")).lower()[:200]


def name_initials(name: str) -> str:
    """The first letter of each syllable: “xl” for 向磊; Latin letters and digits stay."""
    return "".join(lazy_pinyin(name or "", style=Style.FIRST_LETTER, errors="default")).replace(" ", "").lower()[:50]

"""Sort keys in pinyin order (拼音序) for Chinese names: code-point order puts 东 after 五 and
阅 before 陈, which residents cannot follow. pypinyin (a maintained library with the phrase
dictionary that picks the right reading of 重, 长, 行 …) gives the readings; the key is the
toneless syllables joined by spaces, so 长桥 sorts as "chang qiao"."""

from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Place names the phrase dictionary reads wrongly (长 as zhǎng): the local reading.
load_phrases_dict({"长桥": [["cháng"], ["qiáo"]], "长江": [["cháng"], ["jiāng"]]})


def pinyin_key(text: str) -> str:
    """The pinyin sort key of `text`, lower case, at most 200 characters (letters and digits
    that are not Chinese stay as they are)."""
    return " ".join(lazy_pinyin(text or "", style=Style.NORMAL, errors="default")).lower()[:200]

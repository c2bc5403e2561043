"""Thai text for search: normalising, word segmentation, and the stored search document.

A query and a stored document pass through the same `normalise()`, so a query word is found
by a plain substring test on the stored text (see `kbo.search.query.matches`).
"""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from pythainlp.tokenize import word_tokenize
from pythainlp.util import normalize as thai_normalize


class CharMap(dict[int, str]):
    """A `str.translate` table that fills itself: `rule` decides each character once."""

    def __init__(self, rule: Callable[[str], str]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        value = self[code] = self.rule(chr(code))
        return value


def _search_char(char: str) -> str:
    """Digits of any script (๐-๙) become 0-9; punctuation, symbols and spaces a space."""
    category = unicodedata.category(char)
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if category[0] in "PSZ" or category == "Cc":
        return " "
    if category == "Cf":  # zero-width space and joiners, soft hyphen
        return ""
    return char


_SEARCH_CHARS = CharMap(_search_char)


# Typing variants that pythainlp's normalize() repairs: เเ for แ, nikhahit (ํ) in ำ, a repeated
# vowel or tone mark, a tone mark typed before its vowel. Most text has none, and the
# repair is the costly part of normalising (it matters for bulk imports), so look first.
_NEEDS_REPAIR = re.compile(
    "เเ|\u0e4d|([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1|[\u0e48-\u0e4b][\u0e31\u0e34-\u0e39]"
)


def normalise(text: str) -> str:
    """Lower-case, 0-9 digits, no punctuation, single spaces, Thai marks in standard order."""
    text = unicodedata.normalize("NFC", text).lower().translate(_SEARCH_CHARS)
    if _NEEDS_REPAIR.search(text):
        text = thai_normalize(text)
    return " ".join(text.split())


_THAI = re.compile("[\u0e00-\u0e7f]")


def _analyse(text: str) -> tuple[str, tuple[str, ...]]:
    """The normalised text and its words (newmm; pythainlp loads its dictionary once)."""
    normalised = normalise(text)
    if not normalised:
        return "", ()
    if not _THAI.search(normalised):  # codes, Latin names: spaces already separate the words
        return normalised, tuple(normalised.split())
    words = word_tokenize(normalised, engine="newmm", keep_whitespace=False)
    return normalised, tuple(part for word in words for part in word.split())


_analyse_cached = lru_cache(maxsize=8192)(_analyse)
_CACHED_LENGTH = 200  # names and queries are cached; long descriptions are not


def analyse(text: str) -> tuple[str, tuple[str, ...]]:
    return _analyse_cached(text) if len(text) <= _CACHED_LENGTH else _analyse(text)


def tokenize(text: str) -> list[str]:
    """The words of `text`, normalised: "ผ้าทอขนแกะ" → ["ผ้า", "ทอ", "ขน", "แกะ"]."""
    return list(analyse(text)[1])


def document(*parts: str | None) -> str:
    """The text to store in a `search_text` column for these parts (e.g. name, place).

    Each part normalised with its spaces removed, the parts joined by single spaces. A query
    is segmented into words (`tokenize`) and each word must be a substring of this text, so
    a word is found wherever it falls, on a segmenter's word boundary or not; storing the
    segmented words as well would add nothing to that and double the text the trigram index
    holds (and the cost of bulk imports).
    """
    compact: dict[str, None] = {}
    for part in parts:
        text = normalise(part or "")
        if text:
            compact[text.replace(" ", "")] = None
    return " ".join(compact)

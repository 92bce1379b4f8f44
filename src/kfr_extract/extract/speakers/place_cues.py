"""Names the text itself uses as places, whatever the tagger says of them.

The small model reads many towns as people ('Bir al-Abd', 'Binder'). The places
extractor does not know every town, but the sentence often says what the name is: the
people of a place ('Residents of X told reporters'), or the other end of a stretch
between a known place and it ('the road between El-Arish and X'). Such a name is no
person anywhere in the document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kfr_extract.extract.speakers.resources import ARABIC_ARTICLE

# A capitalized name, its words joined by spaces or hyphens, with the lower-case Arabic
# articles of place names ('Bir al-Abd', 'El-Arish', 'Dar es Salaam' is left to spaCy).
NAME = (r"[A-Z][\w'\u2019]*(?:(?:\s+|-)(?:[A-Z][\w'\u2019]*|"
        rf"{ARABIC_ARTICLE}-[A-Z][\w'\u2019]*))*")
BETWEEN = re.compile(rf"\bbetween\s+({NAME})\s+and\s+({NAME})")


@lru_cache(maxsize=8)
def _inhabitants_of(nouns: frozenset[str]) -> re.Pattern[str] | None:
    if not nouns:
        return None
    alternation = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    return re.compile(rf"\b(?i:{alternation})\s+of\s+(?:the\s+)?({NAME})")


def places_by_use(text: str, known: set[str], inhabitants: frozenset[str]) -> set[str]:
    """Lower-cased names the text uses as places: 'Residents of X', and 'between A and
    X' where A is a known place (two people may meet 'between X and Y' too)."""
    out: set[str] = set()
    pattern = _inhabitants_of(inhabitants)
    if pattern is not None:
        out.update(m.group(1).lower() for m in pattern.finditer(text))
    for m in BETWEEN.finditer(text):
        first, second = m.group(1).lower(), m.group(2).lower()
        if first in known and second not in known:
            out.add(second)
        elif second in known and first not in known:
            out.add(first)
    return out

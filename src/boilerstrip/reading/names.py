"""Authors' names as a byline prints them, without what the byline adds.

A byline comes with a label ("By", "Posted by", "Written by", "Author:",
sometimes glued on: "Posted byJane Doe"), joins several names ("Jane Doe and
John Smith", "A, B & C"), and is often followed by a role or a date on the
next line of its box. `author_names` keeps the names; `byline` writes them
back as one line ("A, B and C"). A string that is no name at all (an
e-mail address, a number, a template's "undefined") gives no names.
"""

from __future__ import annotations

import html
import re

# The label before the names, in the languages the byline rules know; the
# glued form ("byJane") only in front of a capital, where it cannot be a word.
_LABEL = re.compile(
    r"^(?:(?:(?:posted|written|published|reviewed|edited|updated|reported|compiled|words|text|story)\s+)?"
    r"(?:by|von|par|por|di|door)(?:\s*:\s*|\s+|(?=[A-Z]))"
    r"|(?:authors?|autor(?:in)?|auteur|written by|posted by)\s*:\s*)",
    re.IGNORECASE,
)
# Not "y" or "e": those are initials as often as joiners. A middle dot or
# bullet parts a name from what the box prints beside it ("Jane Doe · 3 min read").
_JOINERS = re.compile(r"\s*(?:,|;|&|·|•|\band\b|\bund\b|\bet\b)\s*", re.IGNORECASE)
# A number standing as a word is a date's or a count's ("Feb 11", "3 min
# read"), never part of a name; user names carry digits glued on ("jdoe1984").
_NUMBER_WORD = re.compile(r"(?<![\w+])\d+(?![\w+])")
# Names in a box, one link each, with the joiner on a line of its own.
_LINKED_NAMES = re.compile(r"\s*\n\s*(,|&|and|und|et)\s*\n\s*", re.IGNORECASE)
# A line that is only one of these is the label of the next line.
_LABEL_WORDS = frozenset(
    {"by", "written by", "posted by", "author", "authors", "von", "par", "por", "door", "di"}
)
# Not names: what templates print when the name is missing, addresses, handles made of digits.
_NOT_NAMES = frozenset(
    {"undefined", "null", "none", "admin", "anonymous", "unknown", "author", "authors", "posted"}
)
_EMAIL_OR_URL = re.compile(r"@\w+\.|https?://|www\.", re.IGNORECASE)
# A byline of more words than this is a bio or a sentence, not names
# (five authors of two or three names each fit).
MAX_BYLINE_WORDS = 16


def author_names(text: str) -> list[str]:
    """The names in a byline, label and joiners removed; [] when it names no one."""
    line = _first_named_line(_LINKED_NAMES.sub(r" \1 ", html.unescape(text)))
    if not line or len(re.findall(r"\w+", line)) > MAX_BYLINE_WORDS or _EMAIL_OR_URL.search(line):
        return []
    names = [name.strip(" .") for name in _JOINERS.split(line)]
    names = [name for name in names if _is_name(name)]
    return list(dict.fromkeys(names))


def _first_named_line(text: str) -> str:
    """The byline box's first line once the label is off: a label alone on
    its line ("Written by") labels the next one."""
    for raw in text.splitlines():
        line = _LABEL.sub("", " ".join(raw.split()).strip(" ,;:|·•–—-"), count=1).strip(" ,;:|·•–—-")
        if line and line.lower() not in _LABEL_WORDS:
            return line
    return ""


def byline(names: list[str]) -> str | None:
    """Names as a byline prints them: 'A', 'A and B', 'A, B and C'."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _is_name(name: str) -> bool:
    # User names carry digits ("jdoe1984"); a name has at least two letters.
    return (
        sum(ch.isalpha() for ch in name) >= 2
        and name.lower() not in _NOT_NAMES
        and not _NUMBER_WORD.search(name)
    )

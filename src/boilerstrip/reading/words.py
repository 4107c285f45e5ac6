"""How text is cut into words and compared: one canonical lower case for all.

Rules, the rule screen, the text scorer and the title finder all compare
words, so they must agree on what a word is and on when two are equal.
`canonical` is the one lower case in which two characters that
`re.IGNORECASE` treats as equal ("s" and the long s "ſ", "i" and the dotless
"ı") are also equal; `read_terms` cuts a text into the tokens the scorer
counts and the terms the rule screen looks for; `fold` is the form in which
two wordings of a line are compared.
"""

from __future__ import annotations

import importlib
import re

# The extra case-insensitive equivalences `re` applies (a module without type stubs).
_casefix = importlib.import_module("re._casefix")

# Words are runs of letters. Digits and the underscore, word characters to
# `re`, part words here: rules glue counts to words ("12Shares") and use the
# underscore among separators ("[-_*=~|]*"), and for the gate both must part
# words as a space does.
LETTER_RUN = re.compile(r"[^\W\d_]+")


def _canonical_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code, others in _casefix._EXTRA_CASES.items():
        members = sorted({chr(c).lower() for c in (code, *others)})
        for member in members[1:]:
            if len(member) == 1:
                table[ord(member)] = members[0]
    return table


_CANONICAL = _canonical_table()
_NEEDS_TABLE = re.compile("[" + "".join(map(chr, _CANONICAL)) + "]")


def canonical(text: str) -> str:
    """Lower case in which IGNORECASE-equal characters are equal.

    "İ" is the one character whose lower case is two characters (and
    the second is no word character): `re` folds it to "i", and so does this.
    """
    if text.isascii():
        return text.lower()
    lowered = text.replace("İ", "i").lower()
    if _NEEDS_TABLE.search(lowered):
        lowered = lowered.translate(_CANONICAL)
    return lowered


def fold(text: str) -> str:
    """Lower-case words only: the form in which two wordings of a line are compared.

    It is the text's tokens (`read_terms`) joined by spaces, so a block's
    fold costs nothing once its tokens are read.
    """
    return " ".join(_TOKEN.findall(canonical(text)))


def read_terms(text: str) -> tuple[list[str], list[str]]:
    """The text's tokens (runs of word characters, what the text scorer
    counts) and its terms (what the rule screen looks for), both canonical.

    The terms are its words (runs of letters), DIGIT if it has a digit, and
    the SYMBOLS it holds. Most lines have no digit, underscore or symbol: for
    them the terms are the tokens, and one scan of the text finds that out.
    """
    lowered = text.lower() if text.isascii() else canonical(text)
    tokens = _TOKEN.findall(lowered)
    if _MARK.search(lowered) is None:
        return tokens, tokens
    return tokens, _marked_terms(lowered, tokens)


def opening_of(text: str) -> str:
    """The key of a text's first character, as rule openings are written
    (`boilerstrip.matching.openings`): DIGIT for a digit, else the character
    in canonical case."""
    first = text[:1]
    if first.isdecimal():
        return DIGIT
    return first.lower() if first.isascii() else canonical(first)[:1]


def read_lines(lines: list[str]) -> list[tuple[list[str], list[str], str]]:
    """`read_terms` and `opening_of` of every line of a page, read as one text.

    The page is put in canonical case at once: one call instead of one a
    line, and a page of a few hundred short lines pays mostly for calls.
    No line may hold a line break (a block never does).
    """
    lowered = canonical("\n".join(lines)).split("\n")
    if len(lowered) != len(lines):  # a line break after all: line by line
        return [(*read_terms(line), opening_of(line)) for line in lines]
    read = []
    for line in lowered:
        patterns = _ASCII_PATTERNS if line.isascii() else _PATTERNS
        tokens = patterns[0].findall(line)
        terms = _marked_terms(line, tokens, patterns) if patterns[1].search(line) else tokens
        # The line is in canonical case already, and no digit has a case.
        first = line[:1]
        read.append((tokens, terms, DIGIT if first.isdecimal() else first))
    return read


def _marked_terms(lowered: str, tokens: list[str], patterns: _Patterns | None = None) -> list[str]:
    """The terms of a lower-cased text with a digit, an underscore or a symbol."""
    _, mark, letter_run = patterns or _PATTERNS
    found: set[str] = set(mark.findall(lowered))
    symbols = found & SYMBOL_SET
    glue = found - symbols  # digits and underscores
    # Only a digit or an underscore glues letters into one token ("12Shares").
    terms: list[str] = letter_run.findall(lowered) if glue else list(tokens)
    terms += symbols
    if glue - _UNDERSCORE:
        terms.append(DIGIT)
    return terms


def terms_of(text: str) -> set[str]:
    """The terms of `text` (see `read_terms`), as a set."""
    return set(read_terms(text)[1])


# Rules key on a few symbols as they key on words: the copyright sign, the
# breadcrumb and pipe separators, an opening bracket, the slash of a credit
# line ("AGENCY/Name") and of desk initials ("(ab/cd)"). A digit is a term too
# (which digit is not: counts and dates vary), spelled with no letter so
# that no word can be mistaken for it.
SYMBOLS = "©ⓒ»›|｜([@#★☆/"
DIGIT = "0"
SYMBOL_SET = frozenset(SYMBOLS)
_UNDERSCORE = frozenset("_")
_TOKEN = re.compile(r"\w+")
_MARK = re.compile("[\\d_" + re.escape(SYMBOLS) + "]")
# (token, mark, letter run): the patterns that read a line. A line of ASCII,
# as most lines are even on pages in other scripts, is read with their ASCII
# twins, which find the same in it for a quarter less (the dev dumps).
_Patterns = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]
_PATTERNS: _Patterns = (_TOKEN, _MARK, LETTER_RUN)
_ASCII_PATTERNS: _Patterns = (
    re.compile(_TOKEN.pattern, re.ASCII),
    re.compile(_MARK.pattern, re.ASCII),
    re.compile(LETTER_RUN.pattern, re.ASCII),
)

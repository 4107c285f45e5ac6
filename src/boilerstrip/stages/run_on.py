"""Cut a page whose line breaks were collapsed back into sentence-sized blocks.

Many scrapers store a page's text with its whitespace collapsed: masthead,
menus, headline, article, teasers and footer on one line. Every later stage
reads layout (where a line starts and ends), and one line has none: the
article finder could only keep it whole. A line longer than nearly any
paragraph (RUN_ON_MIN_WORDS), or one that holds nearly all of the page's
words (COLLAPSED_LINE_SHARE), is such a page, and it is cut where a reader
sees the joins: at each sentence end, and around each run of capitalised
words with no function word among them, since menus, mastheads and teaser
headlines ("Home News Sport Weather") run into the sentence that follows
them with no stop between. A name in a sentence ("President Vladimir
Putin") is cut out too; the article finder's run of prose takes it back, as
it takes a heading.

Each piece records what joined it to the one before in the line
(`Block.joined_by`: a space, or nothing where elements were run together):
the body joins kept neighbours back with it, so a kept paragraph reads as it
did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boilerstrip.document import Block, Document
from boilerstrip.reading.stopwords import STOPWORDS

STAGE = "run_on"
# Longer than nearly every paragraph (a collapsed page runs to thousands).
# A paragraph this long is cut too, but its sentences stay together in the
# article finder's run of prose and the body joins them back.
RUN_ON_MIN_WORDS = 250
# A short page collapsed onto one line is shorter than that: a line that
# holds this share of the page's words is the page, and it is cut too.
COLLAPSED_LINE_SHARE = 0.8
# A run of this many capitalised words with no function word is a menu, a
# masthead or a headline; two are as often a name ("Vladimir Putin").
MENU_RUN_MIN_WORDS = 3

# A sentence ends at a stop (past closing quotes and brackets) before a space
# and a word that opens with a capital or a digit (`_sentences` looks). And
# where a converter ran two elements' texts together, a piece ends at a
# stop, a colon or a bracket right before a capitalised word ("processed.About
# me", "Share this:Click"), and between the parts of a word run together
# from several ("MenuHomeNews"); the body joins such pieces back with
# nothing between.
_SENTENCE_END = re.compile(
    r"""[.!?…]["'”’»)\]]* (?=["'“‘«(\[]?(\w))"""  # a stop, a space
    r"""|(?<=[a-z0-9][.!?:)])(?=[A-Z][a-z])|(?<=[a-z]{2})(?=[A-Z][a-z])"""  # run together
)
# Elements run together word to word: a word of three or more capitalised
# parts ("MenuHomeNews"); a brand of two ("YouTube") is left whole.
_HUMP = re.compile(r"[a-z][A-Z]")
MIN_RUN_TOGETHER_PARTS = 3
_PUNCTUATION = "\"'“”‘’«»()[]{},.;:!?…"


@dataclass(frozen=True)
class SplitRunOnLines:
    """Text input: cut each line longer than nearly any paragraph into sentences and menu runs."""

    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        shortest = run_on_min_words(doc.blocks) if doc.kind == "text" else None
        if shortest is None:
            return doc
        blocks: list[Block] = []
        for block in doc.blocks:
            if block.words < shortest or block.protected:
                blocks.append(block)
                continue
            (first, _), *rest = run_on_pieces(block.text)
            blocks.append(Block(first, block.gap_before))
            blocks += [Block(piece, gap_before=False, joined_by=joiner) for piece, joiner in rest]
        doc.blocks = blocks
        return doc


def run_on_min_words(blocks: list[Block]) -> int | None:
    """How long a line must be to be cut: RUN_ON_MIN_WORDS, or the longest
    line's length when it holds nearly all of the page's words (a short
    page collapsed onto one line, perhaps under its title line); None when
    no line is that long."""
    counts = [block.words for block in blocks]
    longest = max(counts, default=0)
    shortest = longest if longest >= COLLAPSED_LINE_SHARE * sum(counts) else RUN_ON_MIN_WORDS
    return shortest if 0 < shortest <= longest else None


def run_on_pieces(text: str) -> list[tuple[str, str]]:
    """The sentences of `text`, with the menu runs in them cut out, in order,
    each with what joined it to the piece before: a space, or nothing where
    a converter ran two elements' texts together ("processed.About me").

    Joined so, they give `text` back (it is tidied: one space between words).
    """
    pieces = []
    for sentence, joiner in _sentences(text):
        for index, piece in enumerate(_around_menu_runs(sentence)):
            pieces.append((piece, joiner if index == 0 else " "))
    return pieces


def _sentences(text: str) -> list[tuple[str, str]]:
    """The sentences of `text`, each with what joined it to the one before."""
    sentences = []
    start, joiner = 0, ""
    run_together: dict[int, bool] = {}  # by where the word starts: each word is read once
    for end in _SENTENCE_END.finditer(text):
        glued = not end.group(0)  # the cut between two elements run together
        if glued and text[end.start() - 1].isalpha():  # inside a word: "MenuHomeNews", "YouTube"
            word_start = text.rfind(" ", 0, end.start()) + 1
            if word_start not in run_together:
                run_together[word_start] = _run_together(text, word_start)
            if not run_together[word_start]:
                continue
        if glued or end.group(1).isupper() or end.group(1).isdigit():
            cut = end.end() if glued else end.end() - 1  # before the space
            sentences.append((text[start:cut], joiner))
            start, joiner = end.end(), "" if glued else " "
    sentences.append((text[start:], joiner))
    return [(sentence, joiner) for sentence, joiner in sentences if sentence]


def _parts(words: list[str]) -> int:
    """The words, a word run together from several ("HomeNews") counting as each."""
    return sum(1 + len(_HUMP.findall(word)) for word in words)


def _run_together(text: str, start: int) -> bool:
    """Whether the word at `start` is MIN_RUN_TOGETHER_PARTS or more capitalised parts."""
    end = text.find(" ", start)
    return _parts([text[start:] if end < 0 else text[start:end]]) >= MIN_RUN_TOGETHER_PARTS


def _around_menu_runs(text: str) -> list[str]:
    """`text` cut before and after each run of MENU_RUN_MIN_WORDS or more
    capitalised words (or symbols: "|", "»") that holds no function word;
    a word run together from two ("HomeNews") counts as both."""
    words = text.split(" ")
    pieces: list[str] = []
    start = run_start = 0
    for index, word in enumerate([*words, ""]):  # the empty word ends the last run
        if word and _capitalised(word):
            continue
        # A run followed by a lower-case word gave that sentence its first
        # word ("... Email Print | Millbrook's library reopened").
        run_end = index - 1 if word and word[:1].islower() else index
        if run_end > run_start and _parts(words[run_start:run_end]) >= MENU_RUN_MIN_WORDS:
            if run_start > start:
                pieces.append(" ".join(words[start:run_start]))
            pieces.append(" ".join(words[run_start:run_end]))
            start = run_end
        run_start = index + 1
    if start < len(words):
        pieces.append(" ".join(words[start:]))
    return [piece for piece in pieces if piece]


def _capitalised(word: str) -> bool:
    """A word that opens with a capital or has no letter, and is no function word."""
    bare = word.strip(_PUNCTUATION)
    return (not bare[:1].isalpha() or bare[:1].isupper()) and bare.lower() not in STOPWORDS

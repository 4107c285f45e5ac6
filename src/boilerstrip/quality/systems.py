"""The systems `boilerstrip eval --compare` runs beside the cleaner.

- `trafilatura`: `trafilatura.extract(html)` with its defaults, on the page's
  HTML; its title, author and date come from `trafilatura.extract_metadata`,
  called outside the clock (the throughput compares body extraction only).
- `c4`: the line filter of the C4 corpus on the page's text dump: a line is
  kept when it has at least `C4_MIN_WORDS` words and ends in terminal
  punctuation (a closing quote may follow it). The bar any text cleaner must
  clear.
- `raw`: the text dump itself, nothing removed. The floor.

The line filters need text dumps (`--inputs DIR`); trafilatura needs the HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from boilerstrip.quality.results import TRAFILATURA, Page
from boilerstrip.quality.wcxb import Metadata

C4, RAW = "c4", "raw"
SYSTEMS = (TRAFILATURA, C4, RAW)
# C4's own threshold (Raffel et al. 2020): shorter lines are menus, buttons, captions.
C4_MIN_WORDS = 5
# C4 keeps lines ending in a terminal punctuation mark; a closing quote or
# bracket after it ("... he said.") still ends a sentence.
C4_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*$")


@dataclass(frozen=True)
class System:
    """A compared system: which input it reads, how it extracts (timed), and its
    metadata (untimed; None when it gives none)."""

    name: str
    reads_html: bool  # the page's HTML; else its text dump
    extract: Callable[[str], str | None]
    metadata: Callable[[str], Metadata] | None = None

    def input(self, page: Page) -> str | None:
        """What this system reads on this page; None when the page does not have it."""
        if self.reads_html:
            return page.html
        return page.data if page.mode == "text" and isinstance(page.data, str) else None


def system(name: str) -> System:
    """The compared system of this name (trafilatura is imported now, not before)."""
    if name == TRAFILATURA:
        import trafilatura

        def trafilatura_metadata(html: str) -> Metadata:
            found = trafilatura.extract_metadata(html)
            if found is None:
                return None, None, None
            return found.title, found.author, found.date

        return System(TRAFILATURA, True, trafilatura.extract, trafilatura_metadata)
    if name == C4:
        return System(C4, False, c4_filter)
    if name == RAW:
        return System(RAW, False, lambda dump: dump)
    raise ValueError(f"--compare: {name!r} is none of {', '.join(SYSTEMS)}")


def c4_filter(text: str) -> str:
    """The lines of `text` that C4 would keep, in order."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) >= C4_MIN_WORDS and C4_SENTENCE_END.search(line):
            kept.append(line)
    return "\n".join(kept)

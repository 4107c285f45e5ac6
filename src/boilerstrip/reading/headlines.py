"""Which of a page's statements of its title is the headline a reader sees.

A page states its title several times: JSON-LD's headline, og:title,
twitter:title, `<title>`, and prints it as an `<h1>`. The titles carry suffix
soup ("Headline | Section | Site"); the `<h1>` is what the reader sees, when
the titles confirm it is the headline and not the site's logo.
"""

from __future__ import annotations

import re

from boilerstrip.reading.words import fold

TITLE_SEPARATORS = re.compile(r"\s+[|–—:·•»-]{1,2}\s+")
# Share of words an <h1> and the page's title have in common (Jaccard) for
# the <h1> to be the same headline reworded. Tuned on wcxb-dev, 0.3 to 0.7:
# 0.3 gains most, from 0.5 up nothing (labels favour what the page shows).
SAME_SUBJECT_OVERLAP = 0.3


def choose_headline(claims: list[str], headings: list[tuple[str, bool]], site_name: str | None) -> str | None:
    """The headline, from the stated titles (strongest first) and the page's
    `<h1>` texts, each with whether its markup names it the headline."""
    folded_claims = [fold(c) for c in claims]
    # The site's name as an <h1> (a logo) or at the end of the title is no headline.
    # A title without separators is all headline: its last segment is no site name.
    site_names = {fold(site_name or "")} | {
        fold(parts[-1]) for c in claims if len(parts := TITLE_SEPARATORS.split(c)) > 1
    }
    # An <h1> marked up as the headline (schema.org) is one, whatever the titles end with
    # ("Opinion | Headline").
    texts = [text for text, marked in headings if marked or fold(text) not in site_names]
    for text in texts:
        if any(fold(text) in claim for claim in folded_claims):
            return text
    stated = stated_headline(claims, site_name)
    if stated is None:
        return texts[0] if texts else None
    # One headline on the page, worded unlike the title but on its subject:
    # the page shows the reader its <h1>.
    if len(texts) == 1 and _overlap(texts[0], stated) >= SAME_SUBJECT_OVERLAP:
        return texts[0]
    return stated


def stated_headline(claims: list[str], site_name: str | None) -> str | None:
    """The headline the strongest title states, without its suffix soup."""
    return strip_suffix_soup(claims[0], site_name) if claims else None


def strip_suffix_soup(title: str, site_name: str | None) -> str:
    """'Headline | Section | Site' -> 'Headline': the first segment not naming the site.
    The first, not the longest: a title leads with what the page is, and what
    follows is the site's tagline or a keyword tail ("Travel Insurance - Flight
    and Travel Insurance Quotes | Brand"); on wcxb-dev the first won 21 pages
    and lost 11 (titles that lead with the site's name unstated elsewhere)."""
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site = fold(site_name or "")
    keep = [p for p in parts if not site or fold(p) != site]
    return (keep or parts)[0].strip()


def _overlap(one: str, other: str) -> float:
    words, other_words = set(fold(one).split()), set(fold(other).split())
    return len(words & other_words) / len(words | other_words) if words and other_words else 0.0

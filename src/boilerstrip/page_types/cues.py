"""The evidence both readings share: words in the URL, phrases on the page, prices.

Every cue here is a word or phrase that many sites of a kind use (a forum's
"Reply", a shop's "Add to cart", a docs site's "On this page"), never the
name of a site: the classifier is scored by cross-validation grouped by
domain, so a cue that only names a site would show up there as no gain.
Each cue group becomes one feature, the log of its count (`counted`), so a
page that says "Reply" forty times is not forty times more a forum than one
that says it twice.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import NamedTuple
from urllib.parse import urlsplit


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# Words of the URL's path (and the first label of its host, `docs.`,
# `forum.`, `shop.`), grouped by what they say about the page.
URL_WORDS: dict[str, tuple[str, ...]] = {
    "forum": _words(
        "forum forums thread threads topic topics t discussion discussions community questions question q"
        " board boards viewtopic showthread r comments answers"
    ),
    "product": _words("product products p dp item itm sku buy shop store ip pd"),
    "collection": _words(
        "collections collection category categories c cat catalog browse department all sale s search"
    ),
    "listing": _words(
        "list lists tag tags archive archives news blog events jobs page results directory latest author"
    ),
    "documentation": _words(
        "docs doc documentation api reference guide guides manual developer developers learn tutorial sdk"
        " library help kb wiki en-us latest stable v1 v2 v3"
    ),
    "service": _words(
        "pricing features solutions services service platform enterprise about contact plans why use-cases"
        " integrations demo"
    ),
    "article": _words(
        "article articles blog post posts news story stories opinion review reviews recipe recipes"
        " how-to guide"
    ),
}
_URL_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_FILE_PAGE = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$")

# Phrases on the page, lower case, by what they tell. A one-word cue counts
# as a whole word (with the punctuation that may close it); any other
# wherever it stands (`str.count`, far cheaper than a regex of them all).
PHRASES: dict[str, tuple[str, ...]] = {
    "add_to_cart": _phrases(
        "add to cart|add to bag|add to basket|add to trolley|in den warenkorb|ajouter au panier"
        "|añadir al carrito|checkout"
    ),
    "buy_now": _phrases("buy now|buy it now|add to wishlist|add to wish list|preorder|pre-order"),
    "in_stock": _phrases("in stock|out of stock|free shipping|free delivery|ships in|delivery|returns"),
    "qty": _phrases("quantity|qty|select size|size guide|choose size|select color|select colour"),
    "reviews": _phrases("customer reviews|write a review|out of 5 stars|rating|ratings|reviews"),
    "reply": _phrases("reply|replies|quote|report post|permalink|report"),
    "joined": _phrases("joined|posts:|member since|registered|messages:|reputation|likes received"),
    "thread": _phrases("thread|original poster|solved|accepted answer|upvote|upvotes|votes"),
    "pricing": _phrases("pricing|per month|/mo|per user|billed annually|billed monthly|free trial|plans"),
    "demo": _phrases(
        "get started|book a demo|request a demo|contact sales|talk to sales|sign up free|try it free"
        "|try for free|start free"
    ),
    "faq": _phrases("faq|faqs|frequently asked questions"),
    "trust": _phrases("trusted by|testimonial|testimonials|our clients|case study|case studies"),
    "results": _phrases("sort by|filter by|filters|load more|view all|show more|results"),
    "read_more": _phrases("read more|continue reading|read full|learn more"),
    "byline": _phrases("written by|posted by|published|updated|min read|minute read"),
    "share": _phrases("share this|share on|tweet|facebook|pinterest"),
    "on_this_page": _phrases("on this page|table of contents|in this article|contents"),
    "edit_page": _phrases("edit this page|edit on github|was this page helpful|last updated"),
    "code_words": _phrases(
        "parameters|returns|example|syntax|import|function|method|deprecated|npm|pip|install|api"
    ),
    "next_prev": _phrases("next|previous|prev"),
    "comments": _phrases("comment|comments|leave a reply|leave a comment"),
    "subscribe": _phrases("subscribe|newsletter"),
}
# What may close a word that stands alone ("Reply", "Reply:", "(reply)").
_CLOSERS = ("", ".", ",", ":", ";", "!", "?", ")")
# Cues that follow a number ("3 days ago", "120 results", "#12").
_AGO = re.compile(r"\d (?:second|minute|hour|day|week|month|year)s? ago")
_COUNTED_NOUNS = ("results", "items", "products", "reviews", "replies", "posts", "answers", "comments")
_COUNTED_ITEMS = re.compile(r"\d (?:" + "|".join(_COUNTED_NOUNS) + r")\b")
_POST_NUMBER = re.compile(r"#\d")
# A price: a currency sign before a number, or a sign or code after one.
# (Codes before numbers are left out: each costs a scan of the page and
# adds almost nothing the signs do not find.)
_PRICE_SIGN = re.compile(r"[$€£¥₹] ?\d")
_PRICE_SIGNS_AFTER = ("€", "£")
_PRICE_CODES = ("eur", "usd", "gbp", "kr", "zł", "chf")
_PRICE_AFTER = re.compile(
    r"\d ?(?:" + "|".join(_PRICE_SIGNS_AFTER) + "|(?:" + "|".join(_PRICE_CODES) + r")\b)"
)
# `_AGO`, `_COUNTED_ITEMS` and `_PRICE_AFTER` as one pattern, a group
# each, after the digit all three open with.
_DIGIT = r"\d"
_AFTER_NUMBER = re.compile(
    _DIGIT
    + "(?:"
    + "|".join("(" + cue.pattern.removeprefix(_DIGIT) + ")" for cue in (_AGO, _COUNTED_ITEMS, _PRICE_AFTER))
    + ")"
)

# The cues of a page are read in its first this many characters: enough
# for any page's telling phrases, and a bound on the cost of a huge one
# (60,000 scored 0.1-0.2 point more in the grouped cross-validation, at a
# higher cost; 20,000 lost 0.5 on HTML: docs/page-types.md).
MAX_TEXT_CHARS = 30_000


def counted(count: float) -> float:
    """A count as a feature: its log, so that the first few count most."""
    return math.log1p(count)


def readable_address(url: str | None) -> str | None:
    """The address, when there is one that can be read ("http://[broken" cannot)."""
    if not url:
        return None
    try:
        urlsplit(url).hostname  # noqa: B018  (reading the host is the check: a broken one raises)
    except ValueError:
        return None
    return url


def url_features(url: str | None) -> dict[str, float]:
    """What the page's address says: its path words by kind, depth, dates, ids
    (all 0 when the address is not known: the model is trained to do without)."""
    features: dict[str, float] = {}
    url = readable_address(url)
    parts = urlsplit((url or "").lower())
    host = parts.hostname or ""
    path = parts.path.strip("/")
    segments = [s for s in path.split("/") if s]
    host_label = host.removeprefix("www.").split(".")[0]
    tokens = [host_label] + [t for segment in segments for t in _URL_TOKEN.findall(segment)]
    tokens += [part for t in tokens if "-" in t for part in t.split("-")]
    token_set = set(tokens)
    for kind, words in URL_WORDS.items():
        features[f"url_{kind}"] = float(sum(1 for word in words if word in token_set))
    features["url_depth"] = counted(len(segments))
    features["url_root"] = 1.0 if not segments else 0.0
    features["url_year"] = 1.0 if _YEAR.search(path) else 0.0
    features["url_long_slug"] = 1.0 if any(segment.count("-") >= 3 for segment in segments) else 0.0
    features["url_number"] = 1.0 if any(s.isdigit() for s in segments) else 0.0
    features["url_query"] = 1.0 if parts.query else 0.0
    features["url_file"] = 1.0 if _FILE_PAGE.search(path) else 0.0
    return features if url else dict.fromkeys(features, 0.0)


def phrase_features(lowered: str) -> dict[str, float]:
    """Counts of the cue phrases and prices in the page's text (lower case)."""
    lowered = lowered[:MAX_TEXT_CHARS]
    words = _looked_up_words(lowered)
    features = {f"say_{cue.name}": counted(cue.occurrences(lowered, words)) for cue in _CUES}
    ago, items, after = _after_numbers(lowered, words)
    features["say_ago"] = counted(ago)
    features["say_counted_items"] = counted(items)
    features["say_post_number"] = counted(len(_POST_NUMBER.findall(lowered)))
    features["prices"] = counted(len(_PRICE_SIGN.findall(lowered)) + after)
    return features


def _after_numbers(lowered: str, words: dict[str, int]) -> tuple[int, int, int]:
    """How many relative dates, counted items and prices with their sign
    after the number the page holds (each 0 unless the page holds the word
    or sign it ends with: a lookup)."""
    counts_ago = bool(words.get("ago"))
    counts_items = any(words.get(noun) for noun in _COUNTED_NOUNS)
    counts_after = _may_price_after(lowered)
    if not (counts_ago or counts_items or counts_after):
        return 0, 0, 0
    # The three are read in one scan from every digit (no match of one can
    # hold the digit another opens with, so each finds what it would alone).
    ago = items = after = 0
    for is_ago, is_items, _ in _AFTER_NUMBER.findall(lowered):
        if is_ago:
            ago += 1
        elif is_items:
            items += 1
        else:
            after += 1
    return ago if counts_ago else 0, items if counts_items else 0, after if counts_after else 0


def _may_price_after(lowered: str) -> bool:
    return any(mark in lowered for mark in (*_PRICE_SIGNS_AFTER, *_PRICE_CODES))


class _Cue(NamedTuple):
    """A cue group's phrases, sorted by how they are counted."""

    name: str
    words: tuple[str, ...]  # one word each: a lookup
    gated: tuple[tuple[str, str], ...]  # (phrase, its last word): counted when that word stands
    scanned: tuple[str, ...]  # ending with no word ("posts:", "/mo"): always counted

    def occurrences(self, lowered: str, words: dict[str, int]) -> int:
        # Most pages say most phrases nowhere: a phrase is looked for only when
        # its last word stands on the page (a lookup, where a count is a scan).
        return (
            sum(words.get(word, 0) for word in self.words)
            + sum(lowered.count(phrase) for phrase, last in self.gated if last in words)
            + sum(lowered.count(phrase) for phrase in self.scanned)
        )

    @classmethod
    def of(cls, name: str, phrases: tuple[str, ...]) -> _Cue:
        ends = [(phrase, phrase.rsplit(" ", 1)[-1]) for phrase in phrases]
        return cls(
            name,
            tuple(phrase for phrase in phrases if phrase.isalnum()),
            tuple((p, last) for p, last in ends if not p.isalnum() and last.isalnum()),
            tuple(p for p, last in ends if not last.isalnum()),
        )


_CUES = tuple(_Cue.of(name, phrases) for name, phrases in PHRASES.items())


def _looked_up_words(lowered: str) -> dict[str, int]:
    """How often each word the cues look up stands on the page, alone or
    with one closing mark ("cart.", "reply)") or opened by "(" (words the
    page does not hold are left out).

    The page's tokens are counted once and met with every spelling of every
    looked-up word in one set intersection, so the cost is the page's, not
    the number of cues times the spellings of each."""
    tokens = Counter(lowered.split())
    counts: dict[str, int] = {}
    for spelling in _SPELLINGS.keys() & tokens.keys():
        word = _SPELLINGS[spelling]
        counts[word] = counts.get(word, 0) + tokens[spelling]
    return counts


def _spellings() -> dict[str, str]:
    """Each way a looked-up word may stand as a token, to the word it spells."""
    looked_up = {"ago", *_COUNTED_NOUNS}
    for phrases in PHRASES.values():
        for phrase in phrases:
            last = phrase.rsplit(" ", 1)[-1]
            if last.isalnum():  # a one-word cue is its own last word
                looked_up.add(last)
    spellings = {word + closer: word for word in looked_up for closer in _CLOSERS}
    spellings |= {"(" + word: word for word in looked_up}
    return spellings


_SPELLINGS = _spellings()


def has_price(text: str) -> bool:
    return _PRICE_SIGN.search(text) is not None or _PRICE_AFTER.search(text.lower()) is not None

"""The evidence both readings share: words in the URL, phrases on the page, prices.

Every cue here is a word or phrase that many sites of a kind use (a forum's
"Reply", a shop's "Add to cart", a docs site's "On this page"), never the
name of a site: the classifier is scored by cross-validation grouped by
domain, so a cue that only names a site would show up there as no gain.
Each cue becomes one feature, the log of its count (`counted`), so a page
that says "Reply" forty times is not forty times more a forum than one
that says it twice.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from urllib.parse import urlsplit

# Words of the URL's path (and the first label of its host, `docs.`,
# `forum.`, `shop.`), grouped by what they say about the page.
URL_WORDS: dict[str, tuple[str, ...]] = {
    "forum": (
        "forum",
        "forums",
        "thread",
        "threads",
        "topic",
        "topics",
        "t",
        "discussion",
        "discussions",
        "community",
        "questions",
        "question",
        "q",
        "board",
        "boards",
        "viewtopic",
        "showthread",
        "r",
        "comments",
        "answers",
    ),
    "product": ("product", "products", "p", "dp", "item", "itm", "sku", "buy", "shop", "store", "ip", "pd"),
    "collection": (
        "collections",
        "collection",
        "category",
        "categories",
        "c",
        "cat",
        "catalog",
        "browse",
        "department",
        "shop-all",
        "all",
        "sale",
        "s",
        "search",
    ),
    "listing": (
        "list",
        "lists",
        "tag",
        "tags",
        "archive",
        "archives",
        "news",
        "blog",
        "events",
        "jobs",
        "page",
        "results",
        "directory",
        "latest",
        "author",
    ),
    "documentation": (
        "docs",
        "doc",
        "documentation",
        "api",
        "reference",
        "guide",
        "guides",
        "manual",
        "developer",
        "developers",
        "learn",
        "tutorial",
        "sdk",
        "library",
        "help",
        "kb",
        "wiki",
        "en-us",
        "latest",
        "stable",
        "v1",
        "v2",
        "v3",
    ),
    "service": (
        "pricing",
        "features",
        "solutions",
        "services",
        "service",
        "platform",
        "enterprise",
        "about",
        "contact",
        "plans",
        "product-tour",
        "why",
        "use-cases",
        "integrations",
        "demo",
    ),
    "article": (
        "article",
        "articles",
        "blog",
        "post",
        "posts",
        "news",
        "story",
        "stories",
        "opinion",
        "review",
        "reviews",
        "recipe",
        "recipes",
        "how-to",
        "guide",
    ),
}
_URL_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_FILE_PAGE = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$")

# Phrases on the page, lower case, by what they tell. A one-word cue counts
# as a whole word; a longer one wherever it stands (`str.count`, which is
# far cheaper than one regex of all of them); `NUMBERED` cues follow a number.
PHRASES: dict[str, tuple[str, ...]] = {
    "add_to_cart": (
        "add to cart",
        "add to bag",
        "add to basket",
        "add to trolley",
        "in den warenkorb",
        "ajouter au panier",
        "añadir al carrito",
        "checkout",
    ),
    "buy_now": ("buy now", "buy it now", "add to wishlist", "add to wish list", "preorder", "pre-order"),
    "in_stock": (
        "in stock",
        "out of stock",
        "free shipping",
        "free delivery",
        "ships in",
        "delivery",
        "returns",
    ),
    "qty": ("quantity", "qty", "select size", "size guide", "choose size", "select color", "select colour"),
    "reviews": ("customer reviews", "write a review", "out of 5 stars", "rating", "ratings", "reviews"),
    "reply": ("reply", "replies", "quote", "report post", "permalink", "report"),
    "joined": ("joined", "posts:", "member since", "registered", "messages:", "reputation", "likes received"),
    "thread": ("thread", "original poster", "solved", "accepted answer", "upvote", "upvotes", "votes"),
    "pricing": (
        "pricing",
        "per month",
        "/mo",
        "per user",
        "billed annually",
        "billed monthly",
        "free trial",
        "plans",
    ),
    "demo": (
        "get started",
        "book a demo",
        "request a demo",
        "contact sales",
        "talk to sales",
        "sign up free",
        "try it free",
        "try for free",
        "start free",
    ),
    "faq": ("faq", "faqs", "frequently asked questions"),
    "trust": ("trusted by", "testimonial", "testimonials", "our clients", "case study", "case studies"),
    "results": ("sort by", "filter by", "filters", "load more", "view all", "show more", "results"),
    "read_more": ("read more", "continue reading", "read full", "learn more"),
    "byline": ("written by", "posted by", "published", "updated", "min read", "minute read"),
    "share": ("share this", "share on", "tweet", "facebook", "pinterest"),
    "on_this_page": ("on this page", "table of contents", "in this article", "contents"),
    "edit_page": ("edit this page", "edit on github", "was this page helpful", "last updated"),
    "code_words": (
        "parameters",
        "returns",
        "example",
        "syntax",
        "import",
        "function",
        "method",
        "deprecated",
        "npm",
        "pip",
        "install",
        "api",
    ),
    "next_prev": ("next", "previous", "prev"),
    "comments": ("comment", "comments", "leave a reply", "leave a comment"),
    "subscribe": ("subscribe", "newsletter"),
}
NUMBERED: dict[str, str] = {
    "ago": r"\d+ (?:second|minute|hour|day|week|month|year)s? ago",
    "counted_items": r"\d+ (?:results|items|products|reviews|replies|posts|answers|comments)\b",
    "post_number": r"#\d+\b",
}
_NUMBERED = {name: re.compile(pattern) for name, pattern in NUMBERED.items()}
_WORD = re.compile(r"\w+")
# A price: a currency sign or code next to a number.
_PRICE = re.compile(
    r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|cad|aud|chf|sek|nok|dkk|pln|inr|rs\.?)\s?)\s?\d[\d.,]*"
    r"|\b\d[\d.,]*\s?(?:€|£|\$|\b(?:eur|usd|gbp|kr|zł|chf)\b)",
    re.IGNORECASE,
)


# The cues of a page are read in its first this many characters: enough
# for any page's telling phrases, and a bound on the cost of a huge one.
MAX_TEXT_CHARS = 60_000


def counted(count: float) -> float:
    """A count as a feature: its log, so that the first few count most."""
    return math.log1p(count)


def url_features(url: str | None) -> dict[str, float]:
    """What the page's address says: its path words by kind, depth, dates, ids
    (all 0 when the address is not known: the model is trained to do without)."""
    features: dict[str, float] = {}
    parts = urlsplit((url or "").lower())
    path = parts.path.strip("/")
    segments = [s for s in path.split("/") if s]
    host_label = (parts.hostname or "").removeprefix("www.").split(".")[0]
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
    words = Counter(_WORD.findall(lowered))
    features = {
        f"say_{name}": counted(sum(words[p] if p.isalnum() else lowered.count(p) for p in phrases))
        for name, phrases in PHRASES.items()
    }
    features |= {f"say_{name}": counted(len(pattern.findall(lowered))) for name, pattern in _NUMBERED.items()}
    features["prices"] = counted(len(_PRICE.findall(lowered)))
    return features


def has_price(text: str) -> bool:
    return _PRICE.search(text) is not None

"""What a parsed HTML page shows about its type, as named numbers.

Read from the whole tree, before any boilerplate is dropped: the evidence
of a page's type is often in what the cleaner removes later (JSON-LD, the
filter panel of a shop grid, a docs sidebar). One walk over the elements
gathers the counts; the repeated sibling structures (cards, posts) are then
measured on the few largest groups only.

The features, each a number (counts as `counted` logs):
- `ld_*`, `og_*`, `micro_*`: the types the page declares, in JSON-LD,
  OpenGraph and schema.org microdata, grouped by kind (`DECLARED_KINDS`);
- `tag_*`: how many of each telling element (pre, code, form, time, article ...);
- `class_*`: how many elements carry a class or id word of each group
  (`CLASS_WORDS`: post/reply/thread, product/price/cart, card/tile/grid ...);
- `cards_*`, `posts_*`: the largest group of like siblings that hold a link
  and an image or heading (cards), or many words each (posts);
- text and link density, paragraph counts, code share;
- the URL's words and the page's cue phrases and prices (`cues`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from boilerstrip.page_types.cues import MAX_TEXT_CHARS, counted, has_price, phrase_features, url_features
from boilerstrip.reading.json_ld import MAX_JSON_LD_CHARS


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The schema.org / OpenGraph types a page may declare, by what they say.
DECLARED_KINDS: dict[str, frozenset[str]] = {
    "article": _set(
        "article newsarticle blogposting reportagenewsarticle report opinionnewsarticle"
        " analysisnewsarticle review recipe howto liveblogposting scholarlyarticle posting"
    ),
    "forum": _set("discussionforumposting qapage question answer comment socialmediaposting forum thread"),
    "product": _set(
        "product offer aggregateoffer individualproduct productgroup aggregaterating productmodel"
        " book vehicle car"
    ),
    "collection": _set("itemlist collectionpage offercatalog searchresultspage productcollection listitem"),
    "documentation": _set("techarticle apireference softwaresourcecode learningresource"),
    "service": _set(
        "service softwareapplication webapplication organization corporation localbusiness faqpage"
        " professionalservice mobileapplication brand"
    ),
    "page": _set(
        "webpage website breadcrumblist person imageobject event jobposting profilepage aboutpage contactpage"
    ),
}
TELLING_TAGS = tuple(
    sorted(
        _set(
            "a p li pre code article form input button select table time nav aside h1 h2 h3 h4"
            " img section blockquote dl iframe video label footer header ul ol kbd textarea"
        )
    )
)
CLASS_WORDS: dict[str, frozenset[str]] = {
    "post": _set(
        "post posts message messages reply replies thread topic postbody username userinfo avatar"
        " signature forum discussion"
    ),
    "comment": _set("comment comments answer answers question vote votes upvote score"),
    "product": _set(
        "product pdp sku variant swatch quantity qty stock addtocart cart basket checkout buy gallery zoom"
    ),
    "price": _set("price prices amount money currency sale discount msrp"),
    "rating": _set("rating ratings stars star review reviews"),
    "card": _set(
        "card cards tile tiles grid item items teaser listing result results feed masonry thumbnail thumb"
    ),
    "filter": _set("filter filters facet facets sort sorting refine pagination pager paging plp"),
    "docs": _set(
        "docs doc documentation toc highlight syntax hljs language api reference admonition markdown"
        " prose codeblock sidebar"
    ),
    "service": _set(
        "hero pricing plan plans feature features testimonial testimonials cta faq logos clients"
        " partners benefits accordion banner"
    ),
    "button": _set("btn button buttons cta signup demo trial"),
    "article": _set("article entry byline story blog author published headline share related dateline"),
}
_WORD_TO_GROUPS = {
    word: tuple(group for group, words in CLASS_WORDS.items() if word in words)
    for word in set().union(*CLASS_WORDS.values())
}
_TELLING_CLASS_WORDS = frozenset(_WORD_TO_GROUPS)
_CLASS_WORD = re.compile(r"[a-z0-9]+")
_HIDDEN_TEXT = ("script", "style", "noscript", "template", "title")
# Siblings alike in tag and class, at least this many, are a repeated
# structure; of the groups so found, this many of the largest are measured
# (each member read costs), on this many of their members.
MIN_REPEATS = 4
GROUPS_MEASURED = 12
MEMBERS_SAMPLED = 5
# A member with this many words is a post or a review, not a card.
POST_WORDS = 40
# A link of this many words is a title (of a teaser, a post, a product), not a menu entry.
TITLE_LINK_WORDS = 5
# A paragraph of this many words is running text.
PARAGRAPH_WORDS = 25

Group = tuple[str, str]  # a repeated structure's members: their tag and class


def html_features(tree: HtmlElement, url: str | None) -> dict[str, float]:
    """The named features of a parsed page (its address, when known, adds its words)."""
    tags: list[str] = []
    marked: Counter[str] = Counter()  # each element's class and id, as one string
    declared: Counter[str] = Counter()
    repeats: list[tuple[int, list[HtmlElement]]] = []
    # Every element is held for the whole reading: lxml makes an element's
    # Python object afresh (through lxml.html's class lookup, in Python) each
    # time it is reached and not held, and the later passes reach most of
    # them again.
    elements = list(tree.iter(etree.Element))  # elements only: no comments, no processing instructions
    for element in elements:
        tag = element.tag
        tags.append(tag)
        attrib = element.attrib
        if attrib:
            if tag == "script":
                if attrib.get("type", "").lower() == "application/ld+json":
                    _read_json_ld(element.text or "", declared, "ld")
                continue
            if tag == "meta" and attrib.get("property", "").lower() == "og:type":
                _declare(attrib.get("content", ""), declared, "og")
            if "itemtype" in attrib:
                for itemtype in attrib["itemtype"].split():
                    _declare(itemtype.rsplit("/", 1)[-1], declared, "micro")
            marks = f"{attrib.get('class', '')} {attrib.get('id', '')}"
            if marks != " ":
                marked[marks] += 1
        if len(element) >= MIN_REPEATS:
            repeats += _repeated_children(element)
    tag_counts = Counter(tags)
    classes: Counter[str] = Counter()
    for marks, count in marked.items():  # pages repeat their classes: each is read once
        for group in _class_groups(marks):
            classes[group] += count
    features = url_features(url)
    features |= {f"tag_{t}": counted(tag_counts[t]) for t in TELLING_TAGS}
    features |= {f"class_{g}": counted(classes[g]) for g in CLASS_WORDS}
    features |= {
        f"{source}_{kind}": 1.0 if declared[f"{source}_{kind}"] else 0.0
        for source in ("ld", "og", "micro")
        for kind in DECLARED_KINDS
    }
    features |= _repeats(repeats)
    words = " ".join(_visible_text(tree)).split()
    features |= _density(tree, len(words))
    # The cues are read in the page's start only (`MAX_TEXT_CHARS`): so
    # many words are enough to fill it, and a huge page is not joined whole.
    features |= phrase_features(" ".join(words[:MAX_TEXT_CHARS]).lower())
    return features


def _visible_text(tree: HtmlElement) -> list[str]:
    """The page's text, but for that of scripts and styles: every piece of
    text in document order, less those that are a script's or a style's
    (lxml gives an element's text as one piece)."""
    hidden = {element.text for element in tree.iter(*_HIDDEN_TEXT) if element.text}
    return [piece for piece in tree.itertext() if piece not in hidden]


def _repeated_children(parent: HtmlElement) -> list[tuple[int, list[HtmlElement]]]:
    """The groups of like children (same tag and class) of a parent with many,
    each as its size and its first few members."""
    counts: Counter[Group] = Counter()
    members: dict[Group, list[HtmlElement]] = {}
    for child in parent:
        tag = child.tag
        if not isinstance(tag, str) or tag == "option":
            continue
        key = (tag, child.get("class", ""))
        counts[key] += 1
        if counts[key] <= MEMBERS_SAMPLED:
            members.setdefault(key, []).append(child)
    return [(count, members[key]) for key, count in counts.items() if count >= MIN_REPEATS]


def _class_groups(marks: str) -> frozenset[str]:
    telling = _TELLING_CLASS_WORDS.intersection(_CLASS_WORD.findall(marks.lower()))
    return frozenset(g for w in telling for g in _WORD_TO_GROUPS[w])


def _declare(name: str, declared: Counter[str], source: str) -> None:
    name = name.strip().lower()
    for kind, names in DECLARED_KINDS.items():
        if name in names or name.split(".")[-1] in names:
            declared[f"{source}_{kind}"] += 1


def _read_json_ld(raw: str, declared: Counter[str], source: str) -> None:
    try:
        data = json.loads(raw[:MAX_JSON_LD_CHARS])  # past it, a catalogue: its start only
    except ValueError:
        return
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack += item
        elif isinstance(item, dict):
            kinds = item.get("@type")
            for kind in kinds if isinstance(kinds, list) else [kinds]:
                if isinstance(kind, str):
                    _declare(kind, declared, source)
            stack += [v for v in item.values() if isinstance(v, dict | list)]


def _repeats(groups: list[tuple[int, list[HtmlElement]]]) -> dict[str, float]:
    """The largest groups of like siblings: cards (a link and a picture or
    heading each), posts (many words each), and repeats of any kind."""
    groups.sort(key=lambda group: -group[0])
    largest_cards = largest_posts = card_groups = priced_cards = 0
    for count, sample in groups[:GROUPS_MEASURED]:
        words = [len(member.text_content().split()) for member in sample]
        if min(words) >= POST_WORDS:
            largest_posts = max(largest_posts, count)
        elif all(_is_card(member) for member in sample) and min(words) >= 2:
            largest_cards = max(largest_cards, count)
            card_groups += 1
            if all(has_price(member.text_content()) for member in sample):
                priced_cards = max(priced_cards, count)
    return {
        "repeat_groups": counted(len(groups)),
        "repeat_largest": counted(groups[0][0] if groups else 0),
        "cards_largest": counted(largest_cards),
        "cards_groups": counted(card_groups),
        "posts_largest": counted(largest_posts),
        "priced_cards_largest": counted(priced_cards),
    }


def _is_card(element: HtmlElement) -> bool:
    has_link = element.tag == "a" or _has_descendant(element, "a")
    return has_link and _has_descendant(element, "img", "picture", "h2", "h3", "h4")


def _has_descendant(element: HtmlElement, *tags: str) -> bool:
    return next(element.iterdescendants(*tags), None) is not None


def _density(tree: HtmlElement, words: int) -> dict[str, float]:
    """How much text (`words`, the page's visible words), how much of it links
    (and in long link texts, as teaser titles are), paragraphs, headings and code."""
    anchors = [len(a.text_content().split()) for a in tree.iter("a")]
    link_words = sum(anchors)
    code_words = sum(len(pre.text_content().split()) for pre in tree.iter("pre"))
    paragraphs = [len(p.text_content().split()) for p in tree.iter("p")]
    long_paragraphs = [n for n in paragraphs if n >= PARAGRAPH_WORDS]
    headings = list(tree.iter("h2", "h3", "h4"))
    linked = sum(1 for h in headings if h.find(".//a") is not None or _in_link(h))
    return {
        "words": counted(words),
        "link_share": min(link_words / words, 1.0) if words else 0.0,
        "long_anchors": counted(sum(1 for n in anchors if n >= TITLE_LINK_WORDS)),
        "code_share": min(code_words / words, 1.0) if words else 0.0,
        "paragraph_share": min(sum(long_paragraphs) / words, 1.0) if words else 0.0,
        "long_paragraphs": counted(len(long_paragraphs)),
        "longest_paragraph": counted(max(paragraphs, default=0)),
        "linked_headings": counted(linked),
        "linked_heading_share": linked / len(headings) if headings else 0.0,
        "words_per_heading": counted(words / (len(headings) + 1)),
    }


def _in_link(element: HtmlElement) -> bool:
    parent = element.getparent()
    return parent is not None and (
        parent.tag == "a" or (parent.getparent() is not None and parent.getparent().tag == "a")
    )

"""Text input: find the article in a full-page text dump, drop what lies outside it.

A text dump of a page is the article plus everything around it: menus, link
lists, teasers, cookie notices, comment threads, footers. With no markup left,
the article is found the way a reader finds it: it is the one long, dense run
of prose on the page. Each block gets a score: prose (a sentence-shaped block
of some length, made of function words like any running text) scores its
length in words; anything else (a heading, a headline in title case however
it ends, a menu entry, a date, a button) costs a small fixed amount, more
when it reads like a menu (title case, no function words) or is printed
more than once on the page. The article is the
run of consecutive blocks with the highest total (Kadane's maximum-subarray
search), so a heading or a list item inside the article is kept, since the
prose around it pays for it, while a menu of twenty entries costs more than
the teaser paragraph beyond it earns.

A few blocks above the run stay for the title stage, which picks the
headline among them and drops the rest; known debris inside the run is left
to the rule stages that follow.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from boilerstrip.document import Block, Document, read_blocks
from boilerstrip.page_types.profiles import NO_PROFILES, Profiles
from boilerstrip.reading.blocks import ANNOUNCING, PROSE_MIN_WORDS, SENTENCE_STOPS, final_mark, list_number
from boilerstrip.reading.scripts import unspaced_words
from boilerstrip.reading.stopwords import STOPWORDS

STAGE = "text_content"
RULE_OUTSIDE = "outside-article"
RULE_HEAD_BUTTON = "head-button"
RULE_HEAD_CHROME = "under-headline"
RULE_HEAD_PIECE = "collapsed-head"

# The thresholds below were tuned together, on the dev text dumps of both
# converters (html_text and inscriptis), by sweeping each over a small grid
# with the others fixed, twice round, and keeping values from the middle of
# the plateau rather than the peak: the held-out pages come from other
# converters, so a setting that only wins on one dump is not worth having.

# A block of at least PROSE_MIN_WORDS words (`boilerstrip.reading.blocks`)
# that ends like a sentence is prose. Converters sometimes lose a paragraph's final stop; a block this long is
# prose whatever its last character.
LONG_PROSE_WORDS = 25
# Running text in a covered language is at least this share function words;
# a long line of names, tags or prices is not ("Tags: Markets, Oil, Opec").
MIN_STOPWORD_DENSITY = 0.12
# Pages whose text is under this share function words are in a language the
# list does not cover; there the stopword test would reject every paragraph.
PAGE_STOPWORD_FLOOR = 0.05
# A prose block's score is its length in words, capped so that one long
# block (a comment, a legal notice) cannot carry a long run of debris.
PROSE_SCORE_CAP = 60
# An article's paragraphs come in runs; a paragraph with no paragraph on
# either side is as often a teaser's summary between its kicker, title and
# date as article text, so it earns only this share of its score.
ISOLATED_PROSE_SHARE = 0.3
# "Either side" reaches this many blocks: an ad marker or a photo credit
# between two paragraphs does not part them.
NEIGHBOUR_REACH = 2
# A short sentence ("He declined to comment.") is article evidence too, but weak.
SHORT_SENTENCE_SCORE = 1.0
# What a non-prose block costs: a heading or a list item inside the article
# costs this, and the prose around it pays for it easily.
NON_PROSE_COST = 3.0
# A short line in sentence case with function words ("1 June: the cap applies
# to new tenancies") is a list item or a subheading; a list inside the
# article must cost less than its paragraphs earn.
LIST_ITEM_COST = 1.0
# Sentence case: at least this share of the words start in lower case
# (title-case headlines and menu rows capitalise nearly every word).
LOWER_CASE_SHARE = 0.4
# A title-case line ("Why Movies Went From 15 Minutes To Two Hours Long?"),
# under this share of its cased words in lower case, is a headline, however
# it ends: a teaser's title is not a sentence that vouches for the summary
# under it. It takes a few capitals to tell (HEADLINE_MIN_CAPITALS).
TITLE_CASE_LOWER_SHARE = 0.25
HEADLINE_MIN_CAPITALS = 4
# A menu entry (title case or no function words) and a line printed more than
# once on the page cost more: a run of them is a strong border.
MENU_COST = 5.0
REPEAT_COST = 6.0
# Blocks kept above the article for the title stage: headline, kicker, deck,
# byline and date sit there, and the title stage sorts them out. The margin
# reaches up to the headline when one is found within HEAD_WINDOW blocks
# above the article (share rows and captions can sit between them), and is
# HEAD_MARGIN blocks otherwise.
HEAD_MARGIN = 6
HEAD_WINDOW = 20
# A headline is a few words to a long line (as in the title stage).
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30

# A paragraph that ends with a colon announces what comes under it ("Here
# are the deals worth having:"); when that is a numbered list, the list is
# the article's, however little prose its items hold. An item is a line
# opening "1." or "1)", the next number within LIST_ITEM_REACH blocks of the
# last (an item may run over a few lines: a link, a price, a note); the
# first item sits at most LIST_ITEM_REACH blocks under the announcement.
MIN_ANNOUNCED_ITEMS = 3
LIST_ITEM_REACH = 3
# How many first characters of a line under an item tell how it opens.
ITEM_LINE_OPENING = 4

# A page that is no article (a forum thread of short posts, a list of cards,
# a product grid) has no one long run of prose: the densest run holds a
# small share of its words (a card's summary, one long post). When the run
# holds under NARROW_RUN_SHARE of the page's words, the blocks are scored
# again, broadly: a paragraph with no paragraph beside it earns its full
# length (a card's summary between its title and date is the card), and
# non-prose costs only BROAD_COST_SHARE as much (a post's header of name,
# date and post count parts two posts, it does not end the thread). When
# even the broad run holds under WHOLE_PAGE_SHARE, the finder has not found
# the content at all and keeps the whole page for the rule stages: keeping
# a page's menus costs less than losing its content. Both were tuned on the
# WCXB development pages flattened by html_text and inscriptis, with the
# news dumps held at their F1.
NARROW_RUN_SHARE = 0.3
BROAD_COST_SHARE = 0.3
WHOLE_PAGE_SHARE = 0.1
# A page type whose profile sets `text_scattered_runs` (a product: its
# description, its specifications and its reviews, parted by menus, pickers
# and buttons) keeps, instead of the whole page, every run that stands on its
# own: the best run, then the best on either side of it, and so on, while a
# run totals at least this score (about two sentences of prose). WCXB dev
# product pages (html_text dumps), word F1 with every page's fallback so:
# whole page 0.519, runs of 10 0.519, 20 0.521, 40 0.526; only the best run
# 0.511, only the prose blocks 0.512. Listings and collections lose with it
# (0.599 -> 0.582, 0.577 -> 0.563): their cards are the page.
SCATTERED_RUN_TOTAL = 40.0

# A product's specifications follow its description as a table flattened to
# "Label: value" lines ("Capacity: 5.2 litres", "Weight: 5.4 kg"): no prose,
# so the run of prose ends above them. When at least MIN_SPEC_LINES such
# lines follow the run, with at most SPEC_HEADING_REACH lines (a
# "Specifications" heading) between, the table is the content's too.
MIN_SPEC_LINES = 3
SPEC_HEADING_REACH = 2
SPEC_LABEL = re.compile(r"[^\W\d][\w ()/&'’.-]{0,30}:\s+\S[^\n]{0,80}")

# Between the headline and the article, a line of one or two words with no
# function word is a toolbar button or a kicker ("Share", "Comments", "Print",
# "Markets"); a toolbar "Comments" link would otherwise end the article
# before it begins. A button ends in no sentence stop: "Hello world." above
# a short sentence is the text's own first sentence.
BUTTON_MAX_WORDS = 2

_WORD = re.compile(r"\w+")
_is_stopword = STOPWORDS.__contains__


@dataclass(frozen=True)
class FindTextArticle:
    """Keep the densest run of prose (and a margin above it); drop the rest.

    A page type whose profile sets `text_broad_cost` (a forum) is
    searched broadly too, at that cost, whatever share the first run holds.
    """

    profiles: Profiles = NO_PROFILES
    name: str = STAGE

    def __call__(self, doc: Document) -> Document:
        if doc.kind != "text" or not doc.blocks:
            return doc
        own = block_scores(doc.blocks)
        scores = discount_isolated(own)
        span = best_run(scores)
        words = [block.words for block in doc.blocks]
        whole = sum(words) or 1
        share = _run_words(words, span) / whole
        profile = self.profiles.for_page(doc.metadata)
        type_cost = profile.text_broad_cost
        if share < NARROW_RUN_SHARE or type_cost:
            broad_scores = broadened(own, type_cost or BROAD_COST_SHARE)
            broad_span = best_run(broad_scores)
            if _run_words(words, broad_span) / whole > share:
                scores, span = broad_scores, broad_span
                share = _run_words(words, span) / whole
        if span is None:
            return doc
        # Runs kept besides the one the margins and tables are read from.
        also: list[tuple[int, int]] = []
        if share < WHOLE_PAGE_SHARE:
            if not profile.text_scattered_runs:
                return doc
            also = sorted(scattered_runs(scores, 0, len(scores)))
            if not also:
                return doc
            span = also[0]
        start, end = span
        end = spec_table_end(doc.blocks, announced_list_end(doc.blocks, end))
        headline = headline_above(doc.blocks, start)
        keep_from = max(0, start - HEAD_MARGIN) if headline is None else headline
        kept_runs = {index for first, last in also for index in range(first, last + 1)}
        for index, block in enumerate(doc.blocks):
            if index in kept_runs:
                continue
            if index < keep_from or index > end:
                doc.remove(block, self.name, RULE_OUTSIDE)
            elif index < start and _is_button(block.text):
                doc.remove(block, self.name, RULE_HEAD_BUTTON)
            elif index < start and block.joined_by is not None and scores[index] <= 0:
                # A collapsed page (`stages.run_on`) has no lines for the
                # title stage to read a headline from: above the article, its
                # pieces that are not prose go.
                doc.remove(block, self.name, RULE_HEAD_PIECE)
            elif headline is not None and headline + 1 < index < start and scores[index] <= 0:
                # Under a known headline, its deck (the next block) stays for
                # the standfirst stage; bylines, dates and share rows go.
                doc.remove(block, self.name, RULE_HEAD_CHROME)
        return doc


def _run_words(words: list[int], span: tuple[int, int] | None) -> int:
    """The words in the run `span` (0 for no run)."""
    return 0 if span is None else sum(words[span[0] : span[1] + 1])


def broadened(own: list[float], cost_share: float = BROAD_COST_SHARE) -> list[float]:
    """The scores of a page of many short texts (see NARROW_RUN_SHARE)."""
    return [score if score > 0 else score * cost_share for score in own]


def score_blocks(blocks: list[Block]) -> list[float]:
    """Each block's evidence for being article text (positive) or not (negative)."""
    return discount_isolated(block_scores(blocks))


def block_scores(blocks: list[Block]) -> list[float]:
    """Each block's score on its own, its neighbours unseen."""
    texts = [block.text for block in blocks]
    counts = Counter(texts)
    words_per_block = read_blocks(blocks)
    stops_per_block = [sum(map(_is_stopword, words)) for words in words_per_block]
    total_words = sum(map(len, words_per_block))
    use_stopwords = total_words > 0 and sum(stops_per_block) / total_words >= PAGE_STOPWORD_FLOOR
    scores = [
        block_score(block.text, len(words) + block.unspaced, stops, counts[block.text] > 1, use_stopwords)
        for block, words, stops in zip(blocks, words_per_block, stops_per_block, strict=True)
    ]
    return scores


def discount_isolated(own: list[float]) -> list[float]:
    """The scores with a paragraph that no other text stands beside discounted."""
    scores = list(own)
    # Neighbours that read as running text: paragraphs and short sentences.
    textual = [score > 0 for score in scores]
    for index, score in enumerate(scores):
        if score > SHORT_SENTENCE_SCORE and not (
            any(textual[max(0, index - NEIGHBOUR_REACH) : index])
            or any(textual[index + 1 : index + 1 + NEIGHBOUR_REACH])
        ):
            scores[index] = score * ISOLATED_PROSE_SHARE
    return scores


def block_score(text: str, count: int, stops: int, repeated: bool, use_stopwords: bool) -> float:
    """The score of one block of `count` words, `stops` of them function words (see the module docstring)."""
    if repeated:
        return -REPEAT_COST
    reads_as_language = not use_stopwords or (count > 0 and stops / count >= MIN_STOPWORD_DENSITY)
    if reads_as_language:
        last = final_mark(text)
        ends_sentence = last in SENTENCE_STOPS
        if count >= LONG_PROSE_WORDS:
            return float(min(count, PROSE_SCORE_CAP))
        # A paragraph ending with a colon introduces what follows (a quote,
        # a list, a gallery); a short line ending so is a label ("Share this:").
        paragraph = count >= PROSE_MIN_WORDS and (ends_sentence or last in ANNOUNCING)
        # A headline in title case is no sentence, however it ends.
        if (paragraph or (ends_sentence and stops > 0)) and not _title_cased(text):
            return float(count) if paragraph else SHORT_SENTENCE_SCORE
    if stops == 0 and count > 0:
        return -MENU_COST
    if stops > 0 and _cased_words(text)[1] >= LOWER_CASE_SHARE * count:
        return -LIST_ITEM_COST
    return -NON_PROSE_COST


def _title_cased(text: str) -> bool:
    upper, lower = _cased_words(text)
    return upper >= HEADLINE_MIN_CAPITALS and lower < TITLE_CASE_LOWER_SHARE * (upper + lower)


def _cased_words(text: str) -> tuple[int, int]:
    """How many words open with a capital, and how many in lower case."""
    upper = lower = 0
    for word in _WORD.findall(text):
        if word[0].isupper():
            upper += 1
        elif word[0].islower():
            lower += 1
    return upper, lower


def headline_above(blocks: list[Block], start: int) -> int | None:
    """Index of the nearest headline above the article, if there is one.

    Pages print their headline twice (page title and article heading, or the
    last crumb of a breadcrumb trail), and text dumps of HTML open with the
    page's `<title>`, which begins with the headline. Menus repeat too, but
    their entries are single words or end in nothing a headline has.
    """
    first = blocks[0].text
    counts = Counter(block.text for block in blocks[max(0, start - HEAD_WINDOW) : start])
    for index in range(start - 1, max(0, start - HEAD_WINDOW) - 1, -1):
        text = blocks[index].text
        if not HEADLINE_MIN_WORDS <= text.count(" ") + 1 + blocks[index].unspaced <= HEADLINE_MAX_WORDS:
            continue
        if counts[text] > 1 or (index > 0 and first.startswith(text)) or _crumb_ends_with(blocks, index):
            return index
    return None


def _is_button(text: str) -> bool:
    words = _WORD.findall(text.casefold())
    short = len(words) + unspaced_words(text) <= BUTTON_MAX_WORDS
    return short and not any(word in STOPWORDS for word in words) and final_mark(text) not in SENTENCE_STOPS


def _crumb_ends_with(blocks: list[Block], index: int) -> bool:
    """Whether the block just above (a breadcrumb trail) ends with this one's text."""
    text = blocks[index].text
    return any(
        len(other.text) > len(text) and other.text.endswith(text)
        for other in blocks[max(0, index - 2) : index]
    )


def announced_list_end(blocks: list[Block], end: int) -> int:
    """The last block of the numbered list that the article's last paragraph
    announces with a colon, or `end` when it announces none.

    Under the last item, the lines that open as a line under an earlier item
    does (a link, a price) are the last item's too.
    """
    if final_mark(blocks[end].text) not in ANNOUNCING:
        return end
    items: list[int] = []
    at = _next_item(blocks, end, 1)
    while at is not None:
        items.append(at)
        at = _next_item(blocks, at, len(items) + 1)
    if len(items) < MIN_ANNOUNCED_ITEMS:
        return end
    openings = {
        blocks[at].text[:ITEM_LINE_OPENING]
        for item, after in pairwise(items)
        for at in range(item + 1, after)
    }
    last = items[-1]
    while (
        last + 1 < len(blocks)
        and last + 1 - items[-1] < LIST_ITEM_REACH
        and blocks[last + 1].text[:ITEM_LINE_OPENING] in openings
    ):
        last += 1
    return last


def spec_table_end(blocks: list[Block], end: int) -> int:
    """The last line of a table of "Label: value" lines right under the run
    (see MIN_SPEC_LINES), or `end` when there is none."""
    for first in range(end + 1, min(len(blocks), end + 2 + SPEC_HEADING_REACH)):
        last = first
        while last < len(blocks) and SPEC_LABEL.fullmatch(blocks[last].text):
            last += 1
        if last - first >= MIN_SPEC_LINES:
            return last - 1
    return end


def _next_item(blocks: list[Block], after: int, number: int) -> int | None:
    """Where list item `number` opens, within LIST_ITEM_REACH blocks after `after`."""
    wanted = str(number)
    for at in range(after + 1, min(len(blocks), after + 1 + LIST_ITEM_REACH)):
        if list_number(blocks[at].text) == wanted:
            return at
    return None


def scattered_runs(scores: list[float], lo: int, hi: int) -> list[tuple[int, int]]:
    """The best run in scores[lo:hi], then, in turn, the best runs on either
    side of it, each totalling SCATTERED_RUN_TOTAL or more (see there)."""
    span = best_run(scores[lo:hi])
    if span is None:
        return []
    start, end = span[0] + lo, span[1] + lo
    if sum(scores[start : end + 1]) < SCATTERED_RUN_TOTAL:
        return []
    return [(start, end), *scattered_runs(scores, lo, start), *scattered_runs(scores, end + 1, hi)]


def best_run(scores: list[float]) -> tuple[int, int] | None:
    """First and last index of the consecutive run with the highest total, if positive."""
    best_total, best_span = 0.0, None
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best_total:
            best_total, best_span = total, (start, index)
    return best_span

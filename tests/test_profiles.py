"""Extraction profiles per page type: the file is checked as strictly as the
rule files, and a profile changes what its type's pages keep."""

from __future__ import annotations

from pathlib import Path

import pytest

from boilerstrip.document import UNDONE, Document
from boilerstrip.matching.rules import RuleError, load_rules
from boilerstrip.page_types.profiles import DEFAULT, Profile, Profiles, load_profiles
from boilerstrip.reading.html import parse_html
from boilerstrip.stages.dom_boilerplate import FindBoilerplateSubtrees
from boilerstrip.stages.html_metadata import ReadHtmlMetadata
from boilerstrip.stages.profile_cuts import UndoProfileCuts
from boilerstrip.stages.profile_metadata import DropProfileMetadata

DOM_RULE_IDS = frozenset(rule.id for rule in load_rules().dom_rules)
BLOCK_RULE_IDS = frozenset(rule.id for rule in load_rules().all_block_rules())


def test_the_bundled_profiles_validate_and_name_real_dom_rules() -> None:
    profiles = load_profiles(dom_rule_ids=DOM_RULE_IDS, block_rule_ids=BLOCK_RULE_IDS)
    assert 0 < profiles.min_confidence <= 1
    assert profiles.by_type, "the bundled file has at least one profile"
    for name, profile in profiles.by_type.items():
        assert profile.page_type == name


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("min_confidence = 1.5\n", "min_confidence"),
        ("min_confidence = 0.5\n[profile.blog]\ndescription = 'x'\n", "not a page type"),
        ("min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nkeep_all = true\n", "unknown knob"),
        ("min_confidence = 0.5\n[profile.forum]\ndomrules = 1\n", "unknown knob"),
        ("min_confidence = 0.5\n[profile.forum]\n", "description"),
        ("min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nfull_pass = 'yes'\n", "true or false"),
        ("min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nkeep_standfirst = 1\n", "true or false"),
        (
            "min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\ndom_rules_off = ['dom-nope']\n",
            "dom-nope",
        ),
        (
            "min_confidence = 0.5\n[profile.product]\ndescription = 'x'\nmetadata_off = ['price']\n",
            "metadata_off",
        ),
        (
            "min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nblock_rules_off = ['comments-nope']\n",
            "comments-nope",
        ),
        ("min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nblock_rules_off = 'x'\n", "list of"),
        (
            "min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\ntext_broad_cost = 1.5\n",
            "text_broad_cost",
        ),
        ("min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\ntext_guard_cuts = 1\n", "true or false"),
        (
            "min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nregion_below_share = 0\n",
            "region_below",
        ),
        (
            "min_confidence = 0.5\n[profile.forum]\ndescription = 'x'\nregion_below_share = '1'\n",
            "region_below",
        ),
        ("min_confidence = 0.5\nprofile = [1]\n", "table of page types"),
        ("min_confidence = 0.5\n[profile\n", "cannot read"),
    ],
)
def test_a_malformed_profiles_file_is_refused_naming_file_and_entry(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "page-types.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=reason) as raised:
        load_profiles(path, dom_rule_ids=DOM_RULE_IDS, block_rule_ids=BLOCK_RULE_IDS)
    assert "page-types.toml" in str(raised.value)
    if "[profile.forum]" in text:
        assert "forum" in str(raised.value)


FORUM = Profile(page_type="forum", dom_rules_off=frozenset({"dom-comments"}))
PROFILES = Profiles(min_confidence=0.6, by_type={"forum": FORUM})


def test_a_profile_applies_only_when_the_type_is_guessed_with_confidence() -> None:
    assert PROFILES.for_page({"page_type": "forum", "page_type_confidence": 0.9}) is FORUM
    assert PROFILES.for_page({"page_type": "forum", "page_type_confidence": 0.4}) is DEFAULT
    assert PROFILES.for_page({"page_type": "product", "page_type_confidence": 0.9}) is DEFAULT
    assert PROFILES.for_page({}) is DEFAULT


POST = "I replaced the thermostat last winter and the boiler has run without a fault since then."
THREAD = "<h1>Boiler keeps switching off</h1>" + "".join(
    f'<div class="comment"><span class="author">user{i}</span><p>{POST} Reply {i}.</p>'
    f'<div class="share-bar"><a href="/s{i}">Share this post</a></div></div>'
    for i in range(4)
)


def _forum_page(confidence: float) -> Document:
    html = f"<html><body><div class='comments'>{THREAD}</div></body></html>"
    doc = Document(raw_text=html, kind="html", tree=parse_html(html))
    doc.metadata.update(page_type="forum", page_type_confidence=confidence)
    return doc


def test_the_forum_profile_keeps_posts_in_a_comments_container_and_still_drops_debris_inside() -> None:
    finder = FindBoilerplateSubtrees(load_rules())
    doc = UndoProfileCuts(finder, PROFILES)(finder(_forum_page(0.9)))
    assert "dom-comments" not in {cut.rule_id for cut in doc.cuts}
    # The share bars and the author lines inside the posts still go.
    assert {cut.rule_id for cut in doc.cuts} == {"dom-share", "dom-byline"}
    undone = [r for r in doc.removals if r.rule_id == UNDONE + "dom-comments"]
    assert undone and "forum profile" in undone[0].text


def test_without_confidence_the_comments_proposal_stands() -> None:
    finder = FindBoilerplateSubtrees(load_rules())
    doc = UndoProfileCuts(finder, PROFILES)(finder(_forum_page(0.3)))
    assert "dom-comments" in {cut.rule_id for cut in doc.cuts}
    assert not any(r.rule_id.startswith(UNDONE) for r in doc.removals)


STATED = (
    "A folding stool of ash wood with a canvas seat. It weighs under a kilo, "
    "folds flat for the car boot and carries up to 120 kilograms."
)
SHOWN = (
    "Folding stool, ash and canvas. Sold singly or as a pair, and shipped in a "
    "recycled box; every stool is checked by hand before it leaves the workshop."
)
PRODUCT_PAGE = (
    '<html><head><script type="application/ld+json">'
    '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Shop"},'
    ' {"@type": "Product", "name": "Camp stool", "description": "<p>%s</p>"}]}'
    "</script></head><body><h1>Camp stool</h1><p>" + SHOWN + "</p>"
    '<div class="price">$49.00</div><button>Add to cart</button></body></html>'
).replace("%s", STATED)


def _extracted(profiles: Profiles) -> str:
    from boilerstrip.stages.main_content import ExtractMainContent

    doc = Document(raw_text=PRODUCT_PAGE, kind="html", tree=parse_html(PRODUCT_PAGE))
    doc.metadata.update(page_type="product", page_type_confidence=0.95)
    return "\n".join(block.text for block in ExtractMainContent(profiles=profiles)(doc).blocks)


def test_a_thin_product_page_gets_the_description_its_json_ld_states() -> None:
    product = Profile(page_type="product", jsonld_description_below_words=150)
    with_profile = _extracted(Profiles(min_confidence=0.6, by_type={"product": product}))
    assert STATED in with_profile.splitlines()  # the markup in the JSON is gone, the text whole
    assert SHOWN in with_profile
    assert STATED not in _extracted(PROFILES)  # without the profile, only what the DOM shows


def _metadata_doc(page_type: str, confidence: float) -> Document:
    doc = Document(raw_text="", kind="html")
    doc.metadata.update(
        {
            "page_type": page_type,
            "page_type_confidence": confidence,
            "author": "Ann Lee",
            "date": "2024-05-01",
        }
    )
    return doc


def test_a_type_without_authors_or_dates_drops_them_and_says_so() -> None:
    profiles = Profiles(
        0.6, {"product": Profile(page_type="product", metadata_off=frozenset({"author", "date"}))}
    )
    doc = DropProfileMetadata(profiles)(_metadata_doc("product", 0.9))
    assert "author" not in doc.metadata and "date" not in doc.metadata
    assert {r.text for r in doc.removals} == {"author: Ann Lee", "date: 2024-05-01"}
    assert {r.rule_id for r in doc.removals} == {"profile:product"}


def test_metadata_stays_when_the_type_keeps_it_or_the_guess_is_unsure() -> None:
    profiles = Profiles(
        0.6, {"product": Profile(page_type="product", metadata_off=frozenset({"author", "date"}))}
    )
    for page_type, confidence in (("article", 0.9), ("product", 0.4)):
        doc = DropProfileMetadata(profiles)(_metadata_doc(page_type, confidence))
        assert doc.metadata["author"] == "Ann Lee" and doc.metadata["date"] == "2024-05-01"
        assert not doc.removals


def test_a_landing_page_is_titled_by_its_stated_title_not_its_slogan() -> None:
    profiles = Profiles(0.6, {"service": Profile(page_type="service", title_headline=True)})
    for page_type, confidence, title in (
        ("service", 0.9, "Payroll Software for Small Teams"),
        ("article", 0.9, "Grow faster with less effort"),
        ("service", 0.4, "Grow faster with less effort"),
    ):
        doc = _metadata_doc(page_type, confidence)
        doc.title, doc.stated_title = "Grow faster with less effort", "Payroll Software for Small Teams"
        assert DropProfileMetadata(profiles)(doc).title == title


def test_the_stated_title_is_the_strongest_title_without_its_site_name() -> None:
    page = (
        "<html><head><title>Payroll Software for Small Teams | Ledgerly</title></head>"
        "<body><h1>Grow faster with less effort</h1><p>Run payroll in minutes.</p></body></html>"
    )
    doc = ReadHtmlMetadata()(Document(raw_text=page, kind="html", tree=parse_html(page)))
    assert doc.stated_title == "Payroll Software for Small Teams"


MANUAL = [
    "The render command writes every page of the site to the output folder in one pass.",
    "It reads the templates once and fills their placeholders from the data file.",
    "Discussion",
    "Rendering is deterministic: the same sources always give byte-identical pages.",
    "Large sites render in parallel, one worker per processor core.",
]


def _manual_page(page_type: str) -> str:
    from boilerstrip.document import split_blocks
    from boilerstrip.stages.block_rules import BlockRuleStage

    manual = Profile(page_type="documentation", block_rules_off=frozenset({"comments-bare-heading"}))
    stage = BlockRuleStage.for_kind(
        load_rules(), "comments", Profiles(min_confidence=0.6, by_type={"documentation": manual})
    )
    doc = Document(raw_text="", kind="html", blocks=split_blocks("\n".join(MANUAL)))
    doc.metadata.update(page_type=page_type, page_type_confidence=0.9)
    return "\n".join(block.text for block in stage(doc).kept_blocks())


def test_a_profile_switches_block_rules_off_for_its_type_only() -> None:
    # A manual's "Discussion" section is its text; on an article the same
    # heading opens the comment thread, and the rule cuts the rest.
    assert _manual_page("documentation") == "\n".join(MANUAL)
    assert _manual_page("article") == "\n".join(MANUAL[:2])


SUMMARY = "We fit, service and repair heat pumps for homes and small offices across the valley."


def _service_page_body(page_type: str) -> list[str]:
    from boilerstrip.document import split_blocks
    from boilerstrip.stages.standfirst import MoveStandfirst

    service = Profile(page_type="service", keep_standfirst=True)
    stage = MoveStandfirst(profiles=Profiles(min_confidence=0.6, by_type={"service": service}))
    text = f"{SUMMARY}\nBook a free survey and we will size the pump to your house, not to our stock."
    doc = Document(raw_text="", kind="html", blocks=split_blocks(text))
    doc.metadata.update(page_type=page_type, page_type_confidence=0.9, description=SUMMARY)
    return [block.text for block in stage(doc).kept_blocks()]


def test_a_profile_keeps_the_opening_summary_that_repeats_the_description() -> None:
    assert _service_page_body("service")[0] == SUMMARY
    assert SUMMARY not in _service_page_body("article")  # an article's deck goes to the metadata


TEASERS = [
    ("Harbour ferry timetable changes from May", "Crossings every twenty minutes at peak hours."),
    ("New cycle lane opens on the river road", "The two-kilometre lane links the bridge to the park."),
    ("Library extends its Sunday opening hours", "Readers can borrow and return books until six."),
    ("Market square fountain restored", "Volunteers cleaned the stonework over three weekends."),
]
LISTING_PAGE = (
    "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><h1>Latest news</h1>"
    + "".join(
        f"<div class='card'><h3><a href='/n{i}'>{title}</a></h3><p>{summary}</p><button>Save</button></div>"
        for i, (title, summary) in enumerate(TEASERS)
    )
    + "<select><option>Newest first</option></select></main><footer>© Town Gazette</footer></body></html>"
)


def _listing_blocks(profiles: Profiles) -> list[str]:
    from boilerstrip.stages.main_content import ExtractMainContent

    doc = Document(raw_text=LISTING_PAGE, kind="html", tree=parse_html(LISTING_PAGE))
    doc.metadata.update(page_type="listing", page_type_confidence=0.9)
    return [block.text for block in ExtractMainContent(profiles=profiles)(doc).blocks]


def test_a_listing_profile_reads_every_card_of_the_main_region_block_by_block() -> None:
    listing = Profile(page_type="listing", read_region=True)
    blocks = _listing_blocks(Profiles(min_confidence=0.6, by_type={"listing": listing}))
    expected = [line for teaser in TEASERS for line in teaser]
    assert blocks == ["Latest news", *expected]  # no menu, footer, button label or filter option


def test_the_region_is_the_body_when_the_marked_main_holds_little_of_the_page() -> None:
    from boilerstrip.stages.region_text import main_region, region_text

    html = (
        "<html><body><main><p>Welcome</p></main>"
        + "".join(f"<div><h3>{t}</h3><p>{s} More <b>bold</b>text.</p></div>" for t, s in TEASERS)
        + "</body></html>"
    )
    tree = parse_html(html)
    region = main_region(tree)
    assert region.tag == "body"
    lines = region_text(region).splitlines()
    assert lines[0] == "Welcome" and len(lines) == 1 + 2 * len(TEASERS)
    assert lines[2].endswith("More boldtext.")  # inline tags join their words as the page sets them


def test_the_region_leaves_out_what_the_page_hides_in_its_markup() -> None:
    from boilerstrip.stages.region_text import main_region, region_text

    cards = "".join(f"<div><h3>{t}</h3><p>{s}</p></div>" for t, s in TEASERS)
    popup = "<div style='z-index: 9; DISPLAY:none'><form><label>Phone*</label><p>Terms.</p></form></div>"
    shown = "<p hidden>Loading</p><p style='display:block'>Shown</p><div role='tabpanel' hidden>Specs</div>"
    html = f"<html><body><main>{cards}{popup}{shown}</main></body></html>"
    lines = region_text(main_region(parse_html(html))).splitlines()
    assert lines == [line for teaser in TEASERS for line in teaser] + ["Shown", "Specs"]


def test_a_region_hidden_mostly_is_one_a_script_reveals_and_is_read_whole() -> None:
    from boilerstrip.stages.region_text import main_region, region_text

    cards = "".join(f"<div><h3>{t}</h3><p>{s}</p></div>" for t, s in TEASERS)
    html = f"<html><body><main><h1>News</h1><div style='display:none'>{cards}</div></main></body></html>"
    lines = region_text(main_region(parse_html(html))).splitlines()
    assert lines == ["News"] + [line for teaser in TEASERS for line in teaser]


def test_a_profiles_region_share_decides_when_a_short_article_gives_way_to_the_region() -> None:
    from boilerstrip.stages.main_content import REGION_BELOW_SHARE, _region_if_article_short

    notes = "".join(
        f"<div class='note'><p>Note {i}: set the cache size before the first call.</p></div>"
        for i in range(3)
    )
    lead = "<h1>Cache</h1><p>The cache keeps recent answers in memory.</p>"
    page = f"<html><body><main>{lead}{notes}</main></body></html>"
    article = "Cache\nThe cache keeps recent answers in memory."
    assert _region_if_article_short(parse_html(page), article, REGION_BELOW_SHARE) is None
    region = _region_if_article_short(parse_html(page), article, 0.85)
    assert region is not None and "Note 2" in region
    assert load_profiles().by_type["documentation"].region_below_share is not None

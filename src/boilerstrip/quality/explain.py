"""`boilerstrip explain PAGE`: block by block, what was kept and what was removed, by whom.

    boilerstrip explain page.html --url https://example.com/a/1 [--html report.html]

The text report lists every block of the final Document in order, kept or
removed with its stage and rule id; before them, the removals that have no
block (HTML subtrees the DOM and site stages dropped before extraction, text
a `strip` rule cut out of a block). `--html` writes the same as one
self-contained page (inline CSS, no scripts, nothing fetched): removed text
struck through and coloured by stage, the rule id on hover, a legend, and
the record's title and metadata.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boilerstrip import options as cleaning
from boilerstrip.document import UNDONE, Block, Document, Removal
from boilerstrip.exits import FAILED, OK, UsageError

EXAMPLES = """examples:
  boilerstrip explain page.html --url https://example.com/a/1
  boilerstrip explain page.html --rules my-rules/ --html report.html

exit status: 0 the report is printed, 1 the page gave an error record (its
reason is printed), 2 a usage error
"""
# Terminal lines show this much of a block; the HTML report shows all of it.
TEXT_CHARS = 110
STAGE_WIDTH = 18
RULE_WIDTH = 30
# One colour per stage, in order of first removal; pale enough to read text on.
PALETTE = (
    "#fde2e1",
    "#fdebc8",
    "#e3f1d4",
    "#d7e8fb",
    "#eadcf8",
    "#fbdcef",
    "#d5f2ef",
    "#f1e6d6",
    "#e4e4e4",
    "#f8f3c4",
)


def register(subparsers: Any) -> None:
    """Add the `explain` subcommand to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "explain",
        help="show block by block what was kept and removed, by which stage and rule",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("page", type=Path, metavar="PAGE", help="an HTML or text page (gzip ok)")
    parser.add_argument("--url", help="the page's URL (site rules are chosen by its host)")
    parser.add_argument("--html", type=Path, metavar="REPORT", help="also write an HTML report here")
    cleaning.add_arguments(parser, ("mode", "rules", "disable", "site_config", "timeout", "max_bytes"))
    parser.set_defaults(func=run, prog=parser.prog)


def run(args: argparse.Namespace) -> int:
    from boilerstrip.cleaner import Cleaner
    from boilerstrip.limits import TimeLimitExceeded
    from boilerstrip.reading.decode import InputError

    try:
        cleaner = Cleaner(cleaning.from_args(args))
    except (OSError, ValueError) as exc:  # a bad rule file, rule id or site config
        raise UsageError(str(exc)) from None
    if not args.page.is_file():
        raise UsageError(f"{args.page}: no such file")
    try:
        doc = cleaner.trace(args.page, url=args.url)
    except (InputError, TimeLimitExceeded) as exc:
        # What the page's record would say in its `error` (`boilerstrip clean`).
        print(f"boilerstrip explain: {args.page}: {exc}", file=sys.stderr)
        return FAILED
    print(render_text(doc))
    if args.html is not None:
        try:
            args.html.write_text(render_html(doc), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.html}: {exc.strerror}") from None
        print(f"\nHTML report: {args.html}")
    return OK


@dataclass(frozen=True)
class Trail:
    """A Document's audit trail, split the way both reports show it."""

    blocks: list[Block]
    loose: list[Removal]  # removals with no block: HTML subtrees, stripped text
    stages: list[str]  # stages that removed anything, in order of first removal
    by_rule: Counter[tuple[str, str]]

    @classmethod
    def of(cls, doc: Document) -> Trail:
        owned = {id(block.removed_by) for block in doc.blocks if block.removed_by is not None}
        loose = [removal for removal in doc.removals if id(removal) not in owned]
        stages = list(dict.fromkeys(removal.stage for removal in doc.removals))
        by_rule = Counter((removal.stage, removal.rule_id) for removal in doc.removals)
        return cls(doc.blocks, loose, stages, by_rule)


def render_text(doc: Document) -> str:
    trail = Trail.of(doc)
    kept = sum(1 for block in trail.blocks if block.kept)
    lines = [
        f"source: {doc.source or '-'}   mode: {doc.kind}   url: {doc.url or '-'}",
        f"title: {doc.title or '-'}",
        *(f"  {key}: {_value(value)}" for key, value in doc.metadata.items()),
        f"blocks: {kept} kept, {len(trail.blocks) - kept} removed;"
        f" {len(trail.loose)} removals outside the blocks",
    ]
    if trail.loose:
        lines += ["", "Removed outside the blocks (HTML subtrees before extraction, stripped text):"]
        lines += [f"  {_cells(_verdict(r), r.stage, r.rule_id)}{_short(r.text)}" for r in trail.loose]
    lines += ["", "Blocks:"]
    for block in trail.blocks:
        removal = block.removed_by
        cells = _cells("keep", "", "") if removal is None else _cells("DROP", removal.stage, removal.rule_id)
        lines.append(f"  {cells}{_short(block.text)}")
    if trail.by_rule:
        lines += ["", "Removals by rule:"]
        lines += [f"  {n:>4}  {stage}/{rule}" for (stage, rule), n in sorted(trail.by_rule.items())]
    return "\n".join(lines)


def _verdict(removal: Removal) -> str:
    """DROP for a removal, UNDO for one a guard undid (the text stayed)."""
    return "UNDO" if removal.rule_id.startswith(UNDONE) else "DROP"


def _cells(verdict: str, stage: str, rule: str) -> str:
    # A long stage or rule id pushes the text right rather than running into it.
    return f"{verdict:<5}{stage:<{STAGE_WIDTH - 1}} {rule:<{RULE_WIDTH - 1}} "


def _short(text: str) -> str:
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


_CSS = """
body { font: 16px/1.5 Georgia, 'DejaVu Serif', serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 860px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font: bold 20px/1.3 sans-serif; margin: 0 0 4px; }
h2 { font: bold 15px/1.3 sans-serif; text-transform: uppercase; letter-spacing: .05em;
     color: #555; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.source { font: 13px monospace; color: #666; margin: 0 0 16px; word-break: break-all; }
table.record { border-collapse: collapse; font: 14px/1.4 sans-serif; width: 100%; }
table.record th { text-align: left; color: #666; font-weight: normal; padding: 2px 12px 2px 0;
                  vertical-align: top; width: 9em; }
table.record td { padding: 2px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font: 13px sans-serif; margin: 8px 0; }
.legend span { padding: 1px 8px; border-radius: 3px; }
.legend .kept { border: 1px solid #ccc; border-left: 3px solid #3a7d44; }
p.block { margin: 0 0 10px; padding: 4px 8px; border-left: 3px solid transparent; }
p.kept { border-left-color: #3a7d44; }
p.removed { color: #666; border-radius: 2px; }
p.removed del { text-decoration-thickness: 1px; }
.tag { font: 11px sans-serif; color: #444; background: rgba(255,255,255,.7); border-radius: 3px;
       padding: 0 5px; margin-right: 6px; text-decoration: none; display: inline-block; }
"""


def render_html(doc: Document) -> str:
    """The report as one self-contained HTML page."""
    trail = Trail.of(doc)
    colour = {stage: PALETTE[i % len(PALETTE)] for i, stage in enumerate(trail.stages)}
    esc = html.escape
    rows = [("title", doc.title or "—"), ("page url", doc.url or "—"), ("mode", doc.kind)]
    rows += [(key, _value(value)) for key, value in doc.metadata.items()]
    kept = sum(1 for block in trail.blocks if block.kept)
    per_stage = Counter(removal.stage for removal in doc.removals)
    legend = ['<span class="kept">kept</span>'] + [
        f'<span style="background:{colour[s]}">{esc(s)}: {per_stage[s]}</span>' for s in trail.stages
    ]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>boilerstrip explain: {esc(doc.source or doc.title or 'page')}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>What boilerstrip kept and removed</h1>",
        f'<p class="source">{esc(doc.source or "")}</p>',
        '<table class="record">',
        *(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows),
        "</table>",
        "<h2>Legend</h2>",
        f'<div class="legend">{"".join(legend)}</div>',
        f'<p class="source">{kept} blocks kept, {len(trail.blocks) - kept} removed,'
        f" {len(trail.loose)} removals outside the blocks. Hover a removed block for its rule.</p>",
    ]
    if trail.loose:
        parts.append("<h2>Removed before the blocks (HTML subtrees) or stripped from a block</h2>")
        parts += [_removed_html(r.text, r, colour) for r in trail.loose]
    parts.append("<h2>Blocks</h2>")
    for block in trail.blocks:
        if block.removed_by is None:
            parts.append(f'<p class="block kept">{esc(block.text)}</p>')
        else:
            parts.append(_removed_html(block.text, block.removed_by, colour))
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _removed_html(text: str, removal: Removal, colour: dict[str, str]) -> str:
    esc = html.escape
    hover = esc(f"{removal.stage} · {removal.rule_id}", quote=True)
    return (
        f'<p class="block removed" style="background:{colour[removal.stage]}" title="{hover}"'
        f' data-stage="{esc(removal.stage, quote=True)}" data-rule="{esc(removal.rule_id, quote=True)}">'
        f'<span class="tag">{esc(removal.stage)}</span><del>{esc(text)}</del></p>'
    )

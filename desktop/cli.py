"""The command line over core.service: `factdesk import|claims|show|search|tag|stats`.

Machine output (--json) goes to stdout, messages to stderr. Exit codes: 0 ok, 1 a user
error (bad file, unknown claim, stale version), 2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from desktop.core.dto import ClaimFilter, ClaimRow, ImportReport, MentionRow
from desktop.core.errors import FactDeskError
from desktop.core.export.csv_writer import TABLES
from desktop.core.export.records import ExportOptions
from desktop.core.models import Verdict
from desktop.core.progress import Progress
from desktop.core.reviewer import login_name
from desktop.core.service import Service
from desktop.core.wording import (
    CLI,
    article_name,
    counted,
    export_notes,
    export_summary,
    field_name,
    outlet_name,
    sources_counted,
    stance_breakdown,
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _emit(data: Any) -> None:
    json.dump(_jsonable(data), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def _claim_json(row: ClaimRow, mentions: list[MentionRow] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row.id, "text": row.text, "verdict": row.verdict,
        "review_state": row.review_state, "verdict_as_of": row.verdict_as_of,
        "sources": row.n_sources, "articles": row.n_articles,
        "independent_origins": row.n_origins, "supporting": row.n_support,
        "contradicting": row.n_contradict, "has_conflict": row.has_conflict,
        "conflicting_values": [{"slot": c.slot, "label": c.label, "values": list(c.values)}
                               for c in row.conflicts],
        "first_seen": row.first_seen, "attribution": row.attribution,
        "version": row.version,
    }
    if mentions is not None:
        out["mentions"] = [_mention_json(m) for m in mentions]
    return out


def _mention_json(m: MentionRow) -> dict[str, Any]:
    """A mention as JSON, with "name": what the window calls its article, as a hit has."""
    return {"id": m.id, "article_id": m.article_id, "external_id": m.external_id,
            "source": m.source, "title": m.title, "name": _article(m),
            "published": m.published, "url": m.url,
            "start": m.start, "end": m.end, "sentence": m.sentence, "stance": m.stance,
            "hedged": m.hedged, "attribution": m.attribution, "copy_of": m.copy_of,
            "origin": m.origin}


def _article(m: MentionRow) -> str:
    """What the window calls the mention's article (wording.article_name)."""
    return article_name(m.title, m.external_id, m.article_id, m.path)


def _outlet(m: MentionRow) -> str:
    """The mention's outlet as the window's claim pane says it: an unknown one by its
    article, "meteorite.txt (outlet unknown)"."""
    return outlet_name(m.source, _article(m))


class _StderrProgress:
    """Progress on stderr, one line rewritten in place, only on a terminal."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()

    def report(self, done: int, total: int, label: str = "") -> None:
        if self._tty and total:
            sys.stderr.write(f"\r{done}/{total} {label[:60]:<60}")
            if done == total:
                sys.stderr.write("\n")

    def check(self) -> None:
        """Ctrl+C is the cancel here; nothing to poll."""


def cmd_import(service: Service, args: argparse.Namespace) -> int:
    """Import files and folders."""
    progress: Progress = _StderrProgress()
    report: ImportReport = service.import_paths(
        args.paths, source=args.source, text_column=args.text_column,
        id_column=args.id_column, title_column=args.title_column, progress=progress)
    totals = {"imported": report.count("imported"), "duplicate": report.count("duplicate"),
              "failed": report.count("failed"), "copies": report.copies}
    for item in report.items:
        if item.status == "failed":
            print(f"{item.path}: {item.reason}", file=sys.stderr)
        elif item.warning:
            print(f"{item.path}: warning: {item.warning}", file=sys.stderr)
    if args.json:
        _emit({"items": [dataclasses.asdict(i) for i in report.items], "totals": totals,
               "cancelled": report.cancelled})
    else:
        print(f"{totals['imported']:,} imported "
              f"({counted(totals['copies'], 'near-copy', 'near-copies')} of earlier articles), "
              f"{counted(totals['duplicate'], 'duplicate')}, {totals['failed']:,} failed",
              file=sys.stderr)
    return 1 if totals["failed"] else 0


def _filter(args: argparse.Namespace) -> ClaimFilter:
    return ClaimFilter(verdicts=tuple(args.verdict or ()), conflicts_only=args.conflicts,
                       min_sources=getattr(args, "min_sources", 0) or 0,
                       text=getattr(args, "text", "") or "")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def cmd_claims(service: Service, args: argparse.Namespace) -> int:
    """List claims."""
    rows = service.claims(_filter(args), limit=args.limit, sort=args.sort)
    mentions: dict[int, list[MentionRow]] = {}
    if args.mentions:
        for m in service.mentions([r.id for r in rows]):
            mentions.setdefault(m.claim_id, []).append(m)
    if args.json:
        _emit([_claim_json(r, mentions.get(r.id, []) if args.mentions else None)
               for r in rows])
        return 0
    print(f"{'id':>5} {'verdict':<12} {'src':>3} {'art':>3} {'orig':>4} {'sup':>3} {'con':>3} "
          f"{'conflict':<18} claim")
    for r in rows:
        conflict = " vs ".join(r.conflicts[0].values) if r.conflicts else ""
        print(f"{r.id:>5} {r.verdict:<12} {r.n_sources:>3} {r.n_articles:>3} {r.n_origins:>4} "
              f"{r.n_support:>3} {r.n_contradict:>3} {_shorten(conflict, 18):<18} "
              f"{_shorten(r.text, 90)}")
        for m in mentions.get(r.id, []):
            print(f"{'':>6}- [{m.stance}] {_outlet(m)} #{m.article_id}: "
                  f"{_shorten(m.sentence, 100)}")
    return 0


def cmd_show(service: Service, args: argparse.Namespace) -> int:
    """One claim in full."""
    detail = service.claim(args.claim_id)
    if args.json:
        out = _claim_json(detail.claim, list(detail.mentions))
        out["verdict_note"] = detail.verdict_note
        out["evidence"] = [dataclasses.asdict(e) for e in detail.evidence]
        out["history"] = [dataclasses.asdict(h) for h in detail.history]
        _emit(out)
        return 0
    c = detail.claim
    print(f"Claim {c.id}: {c.text}")
    print(f"  verdict {c.verdict} ({c.review_state}); {counted(c.n_sources, 'source')}, "
          f"{counted(c.n_articles, 'article')}, "
          f"{stance_breakdown(c.n_origins, c.n_support, c.n_contradict)}; "
          f"first seen {c.first_seen or 'unknown'}")
    for conflict in c.conflicts:
        print(f"  CONFLICT on {conflict.label}: {' vs '.join(conflict.values)}")
    if detail.verdict_note:
        print(f"  note: {detail.verdict_note}")
    print("Mentions:")
    for m in detail.mentions:
        copy = f" (copy of #{m.copy_of})" if m.copy_of else ""
        print(f"  [{m.stance}{', hedged' if m.hedged else ''}] {_outlet(m)} #{m.article_id}"
              f"{copy} {m.published or ''}: {m.sentence}")
    for e in detail.evidence:
        print(f"Evidence ({e.kind}, {e.author or 'unknown'}): {e.text} {e.url or ''}")
    if detail.history:
        print("History:")
        for h in detail.history:
            print(f"  {h.at:%Y-%m-%d %H:%M} {h.author or '-'} "
                  f"{field_name(h.field) or field_name(h.action)}: {h.old or '—'} -> "
                  f"{h.new or '—'}")
    return 0


def _hit_json(hit: Any) -> dict[str, Any]:
    """A hit as JSON, with "name": what the window calls its article (its title, else the
    id an untitled CSV row was imported with)."""
    return {**dataclasses.asdict(hit),
            "name": article_name(hit.title, hit.external_id, hit.article_id, hit.path)}


def cmd_search(service: Service, args: argparse.Namespace) -> int:
    """Search free text, or one query a line from stdin with `-`."""
    if args.query == "-":
        # A blank line is no query: answering it "0 hits:" would read as a claim nobody carries.
        queries = (line.rstrip("\r\n") for line in sys.stdin if line.strip())
        for line, hits in service.searches(queries, args.limit, passing=True):
            if args.json:
                _emit({"query": line, "hits": [_hit_json(h) for h in hits]})
            else:
                print(f"{sum(h.about for h in hits)} hits: {line}")
        return 0
    hits = service.search(args.query, args.limit, passing=True)
    if args.json:
        _emit({"query": args.query, "hits": [_hit_json(h) for h in hits]})
        return 0
    carrying = [h for h in hits if h.about]
    passing = [h for h in hits if not h.about]
    for h in carrying:
        _print_hit(h)
    if args.all and passing:
        print("in passing (these hold the claim's words but are about something else):")
        for h in passing:
            _print_hit(h)
    # The count is of articles about the claim whatever their side: say so where it shows.
    sides = "whatever side they take (in brackets)"
    if len(carrying) == args.limit:
        count = (f"the first {counted(len(carrying), 'article')} that carry this claim, "
                 f"{sides}; there may be more (--limit {args.limit})")
    else:
        verb = "carries" if len(carrying) == 1 else "carry"
        count = f"{counted(len(carrying), 'article')} {verb} this claim, {sides}"
    if passing:
        more = "at least " if len(passing) == args.limit else ""
        verb = "mentions" if len(passing) == 1 else "mention"
        count += (f"; {more}{len(passing)} more {verb} its words in passing, about something "
                  f"else ({'listed under “in passing”' if args.all else '--all lists them'})")
    print(count, file=sys.stderr)
    return 0


def _print_hit(h: Any) -> None:
    """One hit on one line: score, stance, outlet, article and its best sentence."""
    name = article_name(h.title, h.external_id, h.article_id, h.path)
    print(f"{h.score:.2f} [{h.stance}] {h.source} #{h.article_id} “{_shorten(name, 60)}” "
          f"{_shorten(h.sentence, 110)}")


def cmd_tag(service: Service, args: argparse.Namespace) -> int:
    """Give a claim a verdict."""
    by = args.by or login_name()
    changes = service.set_verdict(args.claim_id, args.verdict, note=args.note, by=by,
                                  expected_version=args.expect_version)
    before = next((e.old for e in changes.edits if e.field == "verdict"), args.verdict)
    if args.explanation:
        service.add_evidence(args.claim_id, text=args.explanation, by=by, public=True)
    if args.done:
        service.set_review_state(args.claim_id, "done", by=by)
    if args.json:
        _emit({"claim_id": args.claim_id, "before": before, "after": args.verdict,
               "version": changes.version, "step_id": changes.step_id})
    else:
        print(f"claim {args.claim_id}: {before} -> {args.verdict} "
              f"(version {changes.version})", file=sys.stderr)
    return 0


def cmd_export(service: Service, args: argparse.Namespace) -> int:
    """Export claims to a workbook, CSV or ClaimReview JSON-LD."""
    options = ExportOptions(what=args.what, delimiter="\t" if args.delimiter == "tab"
                            else args.delimiter, review_url=args.review_url or "",
                            author=args.author or "", author_url=args.author_url or "")
    result = service.export(args.target, _filter(args), options=options,
                            progress=_StderrProgress())
    notes = export_notes(result, CLI)
    if args.json:
        _emit({"path": str(result.path), "claims": result.matched,
               "written": result.written, "summary": export_summary(result, args.what, CLI),
               "notices": list(notes)})
    else:
        print(export_summary(result, args.what, CLI), file=sys.stderr)
        for note in notes:
            print(f"{result.path}: {note}", file=sys.stderr)
    return 0


def cmd_stats(service: Service, args: argparse.Namespace) -> int:
    """Totals."""
    stats = service.stats()
    if args.json:
        _emit(stats)
        return 0
    print(f"{counted(stats.articles, 'article')} from "
          f"{sources_counted(stats.sources, stats.unknown_sources)}, "
          f"{counted(stats.origins, 'independent origin')}, "
          f"{counted(stats.sentences, 'sentence')}")
    print(f"{counted(stats.claims, 'claim')}, {counted(stats.mentions, 'mention')}, "
          f"{stats.conflicts:,} with conflicts")
    print("by verdict: " + ", ".join(f"{k} {v}" for k, v in stats.by_verdict.items()))
    return 0


def cmd_check(service: Service, args: argparse.Namespace) -> int:
    """Integrity, foreign keys and a recount of every cached count; 1 on any difference."""
    report = service.check()
    if args.json:
        _emit({"ok": report.ok, "problems": list(report.problems), "claims": report.claims,
               "engine_checks": list(report.engine_checks)})
    else:
        for problem in report.problems:
            print(problem)
        checks = " and ".join(report.engine_checks) or "the server's own checks"
        print(f"{service.project_name()}: {checks}, {counted(report.claims, 'claim')} "
              f"recounted: {'ok' if report.ok else counted(len(report.problems), 'problem')}",
              file=sys.stderr)
    return 0 if report.ok else 1


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the window."""
    headless = sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    if headless:
        print("factdesk: no display to open the window on; the commands work without one "
              "(factdesk --help)", file=sys.stderr)
        return 1
    try:
        from desktop.ui.app import main as gui_main
    except ImportError as exc:
        print(f"factdesk: the window cannot start ({exc}); the commands work without it "
              "(factdesk --help)", file=sys.stderr)
        return 1
    return gui_main(db=args.db, demo=getattr(args, "demo", False))


def _global_options(*, after_command: bool) -> argparse.ArgumentParser:
    """--db and --json, accepted before and after the command.

    A sub-command's parser writes its defaults over what the main parser already parsed,
    so the copy the sub-commands get has none (SUPPRESS): given after the command, an
    option sets the value; left out, the value given before the command stays.
    """
    options = argparse.ArgumentParser(add_help=False)
    no_default: dict[str, Any] = {"default": argparse.SUPPRESS} if after_command else {}
    options.add_argument("--db", **no_default,
                         help="SQLite file or SQLAlchemy URL (default: FACTDESK_DB, "
                              "else factdesk.sqlite in your data folder)")
    options.add_argument("--json", action="store_true", **no_default,
                         help="machine-readable output on stdout")
    return options


def _query(text: str) -> str:
    """A search's text: a blank one is a usage error (exit 2), not a search for nothing
    that answers "0 articles", which reads as "nobody carries this claim"."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the query is empty: give the claim's text, or - to "
                                         "read one query a line from stdin")
    return text


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; kept separate so tests can check the README against it."""
    parser = argparse.ArgumentParser(prog="factdesk",
                                     parents=[_global_options(after_command=False)],
                                     description="Claims across sources, for fact-checkers.")
    common = _global_options(after_command=True)
    parser.add_argument("--demo", action="store_true",
                        help="open the window on a fresh project holding the demo articles")
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", parents=[common], help="open the window")
    gui.add_argument("--demo", action="store_true", default=argparse.SUPPRESS)

    imp = sub.add_parser("import", parents=[common], help="import files and folders")
    imp.add_argument("paths", nargs="+")
    imp.add_argument("--source", help="the outlet of every imported article")
    imp.add_argument("--id-column", help="CSV column stored as external_id")
    imp.add_argument("--text-column", help="CSV column holding the article text")
    imp.add_argument("--title-column", help="CSV column holding the article title")
    imp.set_defaults(run=cmd_import)

    claims = sub.add_parser("claims", parents=[common], help="list claims")
    claims.add_argument("--verdict", action="append", choices=[v.value for v in Verdict])
    claims.add_argument("--conflicts", action="store_true", help="only claims with a conflict")
    claims.add_argument("--min-sources", type=int, default=0)
    claims.add_argument("--text", default="",
                        help="only claims with a mention holding these words and figures")
    claims.add_argument("--limit", type=int)
    claims.add_argument("--sort", default="sources",
                        choices=["sources", "articles", "origins", "support", "contradict",
                                 "conflict", "first_seen", "verdict", "text", "id"])
    claims.add_argument("--mentions", action="store_true", help="list each claim's mentions")
    claims.set_defaults(run=cmd_claims)

    show = sub.add_parser("show", parents=[common], help="a claim with mentions and history")
    show.add_argument("claim_id", type=int)
    show.set_defaults(run=cmd_show)

    search = sub.add_parser("search", parents=[common],
                            help="articles stating a claim; '-' reads one query a line and "
                            "answers one line per query ('N hits: query'; --json: the hits)")
    search.add_argument("query", type=_query)
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--all", action="store_true",
                        help="also list the articles that hold the claim's words in passing, "
                             "being about something else (not counted as carrying it)")
    search.set_defaults(run=cmd_search)

    tag = sub.add_parser("tag", parents=[common], help="give a claim a verdict")
    tag.add_argument("claim_id", type=int)
    tag.add_argument("verdict", choices=[v.value for v in Verdict])
    tag.add_argument("--note", help="an internal note (never published)")
    tag.add_argument("--explanation", help="the verdict's public explanation (published "
                     "as the ClaimReview's text)")
    tag.add_argument("--done", action="store_true", help="mark the review done (only done "
                     "reviews go into ClaimReview)")
    tag.add_argument("--by", help="who decided (recorded in the history; default: your "
                     "login name)")
    tag.add_argument("--expect-version", type=int, metavar="N",
                     help="refuse (exit 1) unless the claim is still at version N, the "
                          "`version` that `show --json` gave: nobody's work is overwritten")
    tag.set_defaults(run=cmd_tag)

    export = sub.add_parser("export", parents=[common],
                            help="claims to .xlsx, .csv or ClaimReview .json")
    export.add_argument("target", metavar="OUT")
    export.add_argument("--verdict", action="append", choices=[v.value for v in Verdict])
    export.add_argument("--conflicts", action="store_true")
    export.add_argument("--min-sources", type=int, default=0)
    export.add_argument("--text", default="")
    export.add_argument("--what", choices=TABLES, default="claims",
                        help="the CSV's table (default: claims)")
    export.add_argument("--delimiter", choices=[",", ";", "tab", "|"], default=",",
                        help="the CSV's separator; ';' for Excel in locales with a "
                        "decimal comma (de, fr)")
    export.add_argument("--review-url", help="ClaimReview: where reviews are published, "
                        "'https://site/checks/{id}' or a page (reviews at #claim-ID)")
    export.add_argument("--author", help="ClaimReview: the publishing organisation")
    export.add_argument("--author-url", help="ClaimReview: its web site")
    export.set_defaults(run=cmd_export)

    stats = sub.add_parser("stats", parents=[common], help="totals")
    stats.set_defaults(run=cmd_stats)

    check_ = sub.add_parser("check", parents=[common],
                            help="integrity, foreign keys and a recount of the cached counts")
    check_.set_defaults(run=cmd_check)
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl+C is: the article being written rolls back, the
    analysis workers are shut down, and the command ends with a message."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, _frame: object) -> None:
    raise _Terminated(signum)


def _stop_like_ctrl_c() -> dict[int, Any]:
    """Route SIGTERM and SIGHUP to _Terminated; returns the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    return {signum: signal.signal(signum, _terminate) for signum in wanted}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `factdesk` command."""
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        return cmd_gui(args)
    run: Callable[[Service, argparse.Namespace], int] = args.run
    service: Service | None = None
    previous = _stop_like_ctrl_c()
    try:
        service = Service.open(args.db)
        if service.upgraded is not None:
            print(f"factdesk: {service.upgraded.message()}", file=sys.stderr)
        return run(service, args)
    except FactDeskError as error:
        print(f"factdesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        how = (f"stopped by {signal.Signals(stop.signum).name}"
               if isinstance(stop, _Terminated) else "interrupted")
        print(f"factdesk: {how}; work already committed is kept", file=sys.stderr)
        return 128 + stop.signum if isinstance(stop, _Terminated) else 1
    except BrokenPipeError:
        return 0
    finally:
        if service is not None:
            service.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    raise SystemExit(main())

"""The command line contract: commands, --json shapes, stdin search, exit codes, README."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import build_parser, main
from desktop.core.service import Service
from tests.conftest import ROOT, SEEDS
from tests.core.test_export_names import TEXTS
from tests.core.test_search import BEHEADING, FOLEY, ISIS_MOTHER


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_reports_each_file(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, out, _ = _run(capsys, "import", str(SEEDS), "--db", str(db_path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["totals"] == {"imported": 5, "duplicate": 0, "failed": 0, "copies": 1}
    item = data["items"][1]
    assert set(item) >= {"path", "status", "article_id", "copy_of", "reason"}
    assert (item["status"], item["copy_of"]) == ("imported", 1)
    code, out, _ = _run(capsys, "import", str(SEEDS / "000_a268c1589145ab67.txt"),
                        "--db", str(db_path), "--json")
    assert json.loads(out)["items"][0]["status"] == "duplicate"


def test_claims_json_with_mentions(capsys: pytest.CaptureFixture[str], seeded_path: Path) -> None:
    code, out, _ = _run(capsys, "claims", "--db", str(seeded_path), "--conflicts", "--mentions",
                        "--json")
    assert code == 0
    (claim,) = json.loads(out)
    assert claim["has_conflict"] is True
    assert claim["conflicting_values"] == [{"slot": "soldier:kill", "label": "troops killed",
                                            "values": ["around 300", "around 600"]}]
    assert {"sources", "articles", "independent_origins", "supporting",
            "contradicting"} <= set(claim)
    mention = claim["mentions"][0]
    assert {"article_id", "external_id", "source", "start", "end", "sentence",
            "stance", "origin"} <= set(mention)
    assert mention["origin"] == "auto"


def test_an_untitled_file_names_its_mentions(capsys: pytest.CaptureFixture[str],
                                            db_path: Path, tmp_path: Path) -> None:
    """`show` and `claims --mentions` printed "unknown #1" for an untitled file of unknown
    outlet; the JSON's title was empty. They name it as the window does."""
    (tmp_path / "meteorite.txt").write_text(TEXTS["a/meteorite.txt"], encoding="utf-8")
    assert _run(capsys, "import", str(tmp_path), "--db", str(db_path))[0] == 0
    shown = _run(capsys, "show", "1", "--db", str(db_path))[1]
    assert "[supports] meteorite.txt (outlet unknown) #1 " in shown
    listed = _run(capsys, "claims", "--mentions", "--db", str(db_path))[1]
    assert "- [supports] meteorite.txt (outlet unknown) #1: A small meteorite" in listed
    (claim,) = json.loads(_run(capsys, "claims", "--mentions", "--db", str(db_path),
                               "--json")[1])
    assert (claim["mentions"][0]["title"], claim["mentions"][0]["name"]) == ("",
                                                                              "meteorite.txt")


def test_tag_then_show_history(capsys: pytest.CaptureFixture[str], seeded_path: Path) -> None:
    assert _run(capsys, "tag", "1", "confirmed", "--note", "KCNA text checked", "--by", "ana",
                "--db", str(seeded_path))[0] == 0
    code, out, _ = _run(capsys, "show", "1", "--db", str(seeded_path), "--json")
    detail = json.loads(out)
    assert detail["verdict"] == "confirmed" and detail["verdict_note"] == "KCNA text checked"
    assert detail["history"][0]["author"] == "ana"
    shown = _run(capsys, "show", "1", "--db", str(seeded_path))[1]
    assert "Verdict as of: — -> " in shown and "Verdict note: — -> KCNA text checked" in shown
    assert "verdict_as_of" not in shown and "verdict_note" not in shown


def test_tag_expect_version_refuses_a_stale_verdict(capsys: pytest.CaptureFixture[str],
                                                   seeded_path: Path) -> None:
    seen = json.loads(_run(capsys, "show", "1", "--db", str(seeded_path), "--json")[1])
    assert _run(capsys, "tag", "1", "confirmed", "--by", "ana", "--db", str(seeded_path),
                "--expect-version", str(seen["version"]))[0] == 0
    code, _, err = _run(capsys, "tag", "1", "false", "--by", "ben", "--db", str(seeded_path),
                        "--expect-version", str(seen["version"]))
    assert code == 1 and "claim 1 was changed by ana" in err and "confirmed" in err
    now = json.loads(_run(capsys, "show", "1", "--db", str(seeded_path), "--json")[1])
    assert (now["verdict"], now["version"]) == ("confirmed", seen["version"] + 1)
    code, out, _ = _run(capsys, "tag", "1", "false", "--by", "ben", "--db", str(seeded_path),
                        "--expect-version", str(now["version"]), "--json")
    assert json.loads(out)["before"] == "confirmed"


def test_tag_without_a_name_records_the_login_name(capsys: pytest.CaptureFixture[str],
                                                  seeded_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "desk-checker")
    _run(capsys, "tag", "2", "disputed", "--db", str(seeded_path))
    detail = json.loads(_run(capsys, "show", "2", "--db", str(seeded_path), "--json")[1])
    assert detail["history"][0]["author"] == "desk-checker"


def test_search_json_hits(capsys: pytest.CaptureFixture[str], seeded_path: Path) -> None:
    code, out, _ = _run(capsys, "search", "600 North Korean soldiers were killed in Kursk",
                        "--db", str(seeded_path), "--json")
    hits = json.loads(out)["hits"]
    assert {h["article_id"] for h in hits[:3]} == {1, 2, 5}
    assert {"article_id", "external_id", "source", "title", "sentence", "start", "end",
            "claim_id", "score", "stance"} <= set(hits[0])
    by_article = {h["article_id"]: h["stance"] for h in hits}
    assert by_article[1] == "contradicts" and by_article[5] != "contradicts"


def test_search_count_is_not_the_display_limit(capsys: pytest.CaptureFixture[str],
                                                seeded_path: Path) -> None:
    query = "600 North Korean soldiers were killed in Kursk"
    code, out, err = _run(capsys, "search", query, "--db", str(seeded_path))
    found = len(out.splitlines())
    assert code == 0 and found >= 3 and f"{found} articles carry this claim" in err
    _, out, err = _run(capsys, "search", query, "--limit", "2", "--db", str(seeded_path))
    assert len(out.splitlines()) == 2
    assert "2 articles carry" not in err and "there may be more (--limit 2)" in err


def test_search_count_of_one_article_reads_as_english(capsys: pytest.CaptureFixture[str],
                                                      seeded_path: Path) -> None:
    query = "Lee Seong-kweun said around 600 DPRK soldiers were killed"
    code, out, err = _run(capsys, "search", query, "--db", str(seeded_path))
    assert code == 0 and len(out.splitlines()) == 1
    assert "1 article carries this claim" in err


def test_search_stdin_one_json_line_per_query(seeded_path: Path) -> None:
    queries = "Kim met Shoigu in Pyongyang\nlargest-ever prisoner swap\n"
    result = subprocess.run([sys.executable, "-m", "desktop", "search", "-", "--json",
                             "--db", str(seeded_path)], input=queries, capture_output=True,
                            text=True, check=True)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == queries.splitlines()
    assert {h["article_id"] for h in lines[1]["hits"]} == {1, 2}


def test_search_stdin_answers_one_line_per_query_as_the_readme_says(
        capsys: pytest.CaptureFixture[str], seeded_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("largest-ever prisoner swap\nzzzqqq\n"))
    assert main(["search", "-", "--db", str(seeded_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["2 hits: largest-ever prisoner swap",
                                                    "0 hits: zzzqqq"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '`-` reads one query a line from stdin and answers one line per query, in its ' \
        'order: "5 hits: the query", or with `--json` one JSON object' in readme
    assert "answers one line per query" in " ".join(build_parser().format_help().split())


def test_search_stdin_skips_blank_lines(capsys: pytest.CaptureFixture[str],
                                        seeded_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blanks = "\nlargest-ever prisoner swap\n  \n\r\nzzzqqq\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(blanks))
    assert main(["search", "-", "--db", str(seeded_path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["2 hits: largest-ever prisoner swap",
                                                    "0 hits: zzzqqq"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "a blank line is skipped, not answered" in readme


def test_exit_codes(capsys: pytest.CaptureFixture[str], seeded_path: Path) -> None:
    code, _, err = _run(capsys, "show", "999", "--db", str(seeded_path))
    assert code == 1 and "claim 999 does not exist" in err
    with pytest.raises(SystemExit) as usage:
        main(["tag", "1", "maybe", "--db", str(seeded_path)])
    assert usage.value.code == 2


def test_stats_json(capsys: pytest.CaptureFixture[str], seeded_path: Path) -> None:
    stats = json.loads(_run(capsys, "stats", "--db", str(seeded_path), "--json")[1])
    assert (stats["articles"], stats["origins"], stats["conflicts"]) == (5, 4, 1)


def test_stats_read_as_plain_english(capsys: pytest.CaptureFixture[str],
                                     seeded_path: Path) -> None:
    out = _run(capsys, "stats", "--db", str(seeded_path))[1]
    assert out.startswith("5 articles from 4 sources (4 of unknown outlet, one per independent "
                          "origin), 4 independent origins, "), (
        "articles of unknown outlet count as sources by copy set, as in a claim's counts")
    service = Service.open(seeded_path)
    for article_id in range(1, 6):
        service.edit_article(article_id, source="Press TV")
    service.close()
    out = _run(capsys, "stats", "--db", str(seeded_path))[1]
    assert out.startswith("5 articles from 1 source, 4 independent origins, ")


def test_db_from_environment(capsys: pytest.CaptureFixture[str], seeded_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTDESK_DB", str(seeded_path))
    assert json.loads(_run(capsys, "stats", "--json")[1])["articles"] == 5


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict))
    for name, sub in subparsers.choices.items():
        assert re.search(rf"factdesk {name}\b", readme), f"command {name} not in README"
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"{name} {option} not in README"


def test_messages_go_to_stderr(capsys: pytest.CaptureFixture[str], db_path: Path,
                               tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    code, out, err = _run(capsys, "import", str(bad), "--db", str(db_path), "--json")
    assert code == 1
    assert f"{bad}: empty file" in err
    assert json.load(io.StringIO(out))["items"][0]["status"] == "failed"


def test_export_command(capsys: pytest.CaptureFixture[str], seeded_path: Path,
                        tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    code, out, _ = _run(capsys, "export", str(target), "--conflicts", "--db", str(seeded_path),
                        "--json")
    assert code == 0
    assert json.loads(out) == {"path": str(target), "claims": 1, "written": 1, "notices": [],
                               "summary": f"exported 1 claim to {target}"}
    code, _, err = _run(capsys, "export", str(tmp_path / "x.ods"), "--db", str(seeded_path))
    assert code == 1 and "cannot export to .ods" in err


def test_no_display_is_a_message_not_a_crash(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    code, _, err = _run(capsys)
    assert code == 1 and "no display" in err


def test_a_claimreview_export_with_nothing_to_publish_says_why(
        capsys: pytest.CaptureFixture[str], seeded_path: Path, tmp_path: Path) -> None:
    db = ["--db", str(seeded_path)]
    target = tmp_path / "reviews.json"
    assert _run(capsys, "tag", "11", "false", "--done", *db)[0] == 0
    code, _, err = _run(capsys, "export", str(target), *db)
    assert code == 0 and err.startswith(
        f"{target}: no review published, 1 done review skipped because it has no review URL "
        "(pass --review-url)")
    assert "Preferences" not in err
    assert json.loads(target.read_text(encoding="utf-8")) == []
    code, _, err = _run(capsys, "export", str(target), "--review-url",
                        "https://checks.example/c/{id}", *db)
    assert code == 0 and f"exported 1 review to {target}" in err
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 1


@pytest.mark.parametrize(("name", "said"), [
    ("reviews.json", "no claim matches the filter, the file holds an empty list"),
    ("claims.csv", "no claim matches the filter, the file holds the column headers only"),
    ("claims.xlsx", "no claim matches the filter, the file holds its sheets' headers only"),
])
def test_an_empty_export_is_a_file_and_success_in_every_format(
        capsys: pytest.CaptureFixture[str], seeded_path: Path, tmp_path: Path, name: str,
        said: str) -> None:
    """Nothing reviewed yet, nothing with that verdict: an answer, not a failure. The file
    is there and valid (an old one is not left to pass for the current state)."""
    target = tmp_path / name
    target.write_text("an export from last week", encoding="utf-8")
    code, _, err = _run(capsys, "export", str(target), "--verdict", "false",
                        "--db", str(seeded_path))
    assert code == 0 and err.startswith(f"{target}: {said}")
    if name.endswith(".json"):
        assert json.loads(target.read_text(encoding="utf-8")) == []
    elif name.endswith(".csv"):
        assert target.read_text(encoding="utf-8-sig").count("\n") == 1
    else:
        from openpyxl import load_workbook

        claims = load_workbook(target)["Claims"]
        assert claims.max_row == 1 and claims["A1"].value == "Claim id"


def test_a_blank_search_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                         seeded_path: Path) -> None:
    for query in ("", "  "):
        with pytest.raises(SystemExit) as exit_:
            main(["search", query, "--db", str(seeded_path)])
        assert exit_.value.code == 2
        assert "the query is empty" in capsys.readouterr().err


def test_an_empty_claimreview_export_names_its_real_cause(
        capsys: pytest.CaptureFixture[str], seeded_path: Path, tmp_path: Path) -> None:
    db = ["--db", str(seeded_path)]
    target = tmp_path / "e.json"
    code, _, err = _run(capsys, "export", str(target), "--text", "zzzqqq", *db)
    assert code == 0 and err.startswith(f"{target}: no claim matches the filter")
    assert "done" not in err
    code, _, err = _run(capsys, "export", str(target), *db)
    assert code == 0 and err.startswith(f"{target}: no review is marked done")
    assert "factdesk tag ID VERDICT --done" in err


def test_search_names_an_untitled_csv_row_by_its_id(capsys: pytest.CaptureFixture[str],
                                                     seeded_path: Path, tmp_path: Path) -> None:
    rows = tmp_path / "bodies.csv"
    rows.write_text("Body ID,articleBody\n199,South Korean intelligence said on Thursday "
                    "that around 350 DPRK soldiers died fighting in Kursk.\n",
                    encoding="utf-8")
    _run(capsys, "import", str(rows), "--source", "FNC-1", "--id-column", "Body ID",
         "--db", str(seeded_path))
    query = "around 350 DPRK soldiers died fighting in Kursk"
    _, out, _ = _run(capsys, "search", query, "--db", str(seeded_path))
    assert "FNC-1" in out.splitlines()[0] and "“Article id 199”" in out.splitlines()[0]
    _, out, _ = _run(capsys, "search", query, "--db", str(seeded_path), "--json")
    hit = json.loads(out)["hits"][0]
    assert hit["external_id"] == "199" and hit["name"] == "Article id 199"


def test_search_sets_apart_the_articles_that_hold_the_words_in_passing(
        capsys: pytest.CaptureFixture[str], seeded_path: Path, tmp_path: Path) -> None:
    rows = tmp_path / "bodies.csv"
    with rows.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Body ID", "articleBody"], [1, FOLEY],
                                      [1385, ISIS_MOTHER]])
    _run(capsys, "import", str(rows), "--source", "FNC-1", "--id-column", "Body ID",
         "--db", str(seeded_path))
    # The Foley story carries the claim; the Kurdish mother's story names the group, Iraq
    # and beheadings in passing: not counted, said apart, listed by --all.
    code, out, err = _run(capsys, "search", BEHEADING, "--db", str(seeded_path))
    assert code == 0 and len(out.splitlines()) == 1 and "Article id 1”" in out
    assert ("1 article carries this claim, whatever side they take (in brackets); 1 more "
            "mentions its words in passing, about something else (--all lists them)") in err
    _, out, err = _run(capsys, "search", BEHEADING, "--all", "--db", str(seeded_path))
    lines = out.splitlines()
    assert len(lines) == 3 and "Article id 1”" in lines[0] and "Article id 1385”" in lines[2]
    assert lines[1].startswith("in passing") and "listed under “in passing”" in err
    _, out, _ = _run(capsys, "search", BEHEADING, "--json", "--db", str(seeded_path))
    assert [(h["external_id"], h["about"]) for h in json.loads(out)["hits"]] == [
        ("1", True), ("1385", False)]

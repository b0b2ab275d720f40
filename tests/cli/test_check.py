"""`factdesk check`: SQLite's own checks plus a recount of every cached count."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import SEEDS


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict[str, object]]:
    code = main(["check", "--db", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_sound_project_passes(capsys: pytest.CaptureFixture[str], seeded_path: Path) -> None:
    code, report = _check(capsys, seeded_path)
    assert (code, report["ok"], report["problems"]) == (0, True, [])
    assert report["claims"] == _claims(seeded_path) > 0


def _claims(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM claim").fetchone()[0])


def test_a_wrong_cached_count_is_named(capsys: pytest.CaptureFixture[str],
                                       seeded_path: Path) -> None:
    with sqlite3.connect(seeded_path) as conn:
        conn.execute("UPDATE claim SET n_sources = n_sources + 1, has_conflict = 1 "
                     "WHERE id = 2")
    code, report = _check(capsys, seeded_path)
    assert code == 1
    problems = report["problems"]
    assert isinstance(problems, list) and len(problems) == 2
    assert problems[0].startswith("claim 2: n_sources is ")
    assert problems[1] == "claim 2: has_conflict is True, the mentions give False"


def test_a_dangling_reference_is_named(capsys: pytest.CaptureFixture[str],
                                       seeded_path: Path) -> None:
    with sqlite3.connect(seeded_path) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE mention SET article_id = 999 WHERE id = 1")
    code, report = _check(capsys, seeded_path)
    assert code == 1
    assert "mention row 1: refers to a article that does not exist" in report["problems"]


def test_plain_output_says_what_was_checked(capsys: pytest.CaptureFixture[str],
                                            seeded_path: Path) -> None:
    assert main(["check", "--db", str(seeded_path)]) == 0
    err = capsys.readouterr().err
    assert "integrity_check and foreign_key_check" in err and err.rstrip().endswith(": ok")


def test_a_recount_on_postgres(capsys: pytest.CaptureFixture[str], pg_url: str) -> None:
    assert main(["import", str(SEEDS), "--db", pg_url]) == 0
    capsys.readouterr()
    code = main(["check", "--db", pg_url, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert (code, report["ok"], report["engine_checks"]) == (0, True, [])
    assert report["claims"] > 0


def test_checking_an_old_project_says_it_was_upgraded(capsys: pytest.CaptureFixture[str],
                                                      old_project: Path) -> None:
    assert main(["check", "--db", str(old_project)]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "upgraded" in line]
    assert len(said) == 1
    assert "from schema 0004" in said[0] and "story-0004-" in said[0]
    assert main(["stats", "--db", str(old_project)]) == 0
    assert "upgraded" not in capsys.readouterr().err

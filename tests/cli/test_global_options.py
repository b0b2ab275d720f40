"""--db and --json work before and after the command, for every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import build_parser, main
from desktop.core.paths import data_dir
from tests.conftest import SEEDS

COMMANDS: dict[str, list[str]] = {
    "import": [str(SEEDS / "000_a268c1589145ab67.txt")],
    "claims": ["--limit", "2"],
    "show": ["1"],
    "search": ["Kim met Shoigu"],
    "tag": ["1", "confirmed", "--by", "ana"],
    "export": ["{tmp}/out.csv"],
    "stats": [],
    "check": [],
}
"""Each command with the arguments it needs on the seeded project."""


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a.choices, dict))
    return set(action.choices)


def test_every_command_is_covered_here() -> None:
    assert _subcommands() - {"gui"} == set(COMMANDS)


@pytest.mark.parametrize("position", ["before", "after"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_db_and_json_in_either_position(command: str, position: str, seeded_path: Path,
                                        tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--db", str(seeded_path), "--json"]
    arguments = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    argv = ([*options, command, *arguments] if position == "before"
            else [command, *arguments, *options])
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    json.loads(out.splitlines()[0])
    assert not (data_dir() / "factdesk.sqlite").exists(), "the default project was used"


@pytest.mark.parametrize("argv", [["--db", "x.sqlite", "--demo", "gui"],
                                  ["gui", "--demo", "--db", "x.sqlite"]])
def test_the_window_gets_the_project_and_demo_in_either_position(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.command, args.db, args.demo) == ("gui", "x.sqlite", True)


def test_an_option_after_the_command_wins_over_one_before() -> None:
    args = build_parser().parse_args(["--db", "a.sqlite", "stats", "--db", "b.sqlite"])
    assert args.db == "b.sqlite"

"""Short fuzz run (hypothesis): generated and mutated files of every format either read or
are refused in one line naming the file, alone and in whole imports.

The long run, 10,000 cases and more with a time limit each, is benchmarks/fuzz_readers.py
over the same generators (tests/fuzz/cases.py).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import InputError
from desktop.core.ingest import read
from desktop.core.ingest.cleanup import clean
from desktop.core.service import Service
from tests.fuzz.cases import KINDS, case
from tests.fuzz.files import html_page

SHORT = settings(max_examples=40, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def _folder() -> Iterator[Path]:
    """A fresh folder per example (pytest's tmp_path lives as long as the whole test)."""
    folder = Path(tempfile.mkdtemp(prefix="factdesk-fuzz-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _read_or_refuse(path: Path) -> None:
    """The contract every reader keeps, whatever the bytes."""
    try:
        for document in read(path):
            cleaned = clean(document)
            assert "\0" not in cleaned.text and "\0" not in cleaned.title
            cleaned.text.encode("utf-8")  # storable: no lone surrogates
    except InputError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)


@SHORT
@given(seed=st.integers(0, 2**32))
def test_generated_and_mutated_files(seed: int) -> None:
    with _folder() as folder:
        name, data = case(seed)
        path = folder / name
        path.write_bytes(data)
        _read_or_refuse(path)


@SHORT
@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=4000))
def test_any_bytes_under_any_suffix(kind: str, data: bytes) -> None:
    with _folder() as folder:
        path = folder / f"input.{kind}"
        path.write_bytes(data)
        _read_or_refuse(path)


@settings(SHORT, max_examples=25)
@given(kind=st.sampled_from(("txt", "md", "html", "csv")),
       lines=st.lists(st.text(max_size=120), max_size=8))
def test_any_text_in_text_formats(kind: str, lines: list[str]) -> None:
    with _folder() as folder:
        path = folder / f"input.{kind}"
        if kind == "html":
            content = html_page(lines[0] if lines else "", lines[1:])
        elif kind == "csv":
            content = "id,text\n" + "\n".join(f"{n},{line}" for n, line in enumerate(lines))
        else:
            content = "\n".join(lines)
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
        _read_or_refuse(path)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seeds=st.lists(st.integers(0, 2**32), min_size=1, max_size=5, unique=True))
def test_whole_import_accounts_for_every_file(seeds: list[int], db_template: Path) -> None:
    with _folder() as folder:
        batch = folder / "batch"
        batch.mkdir()
        names = set()
        for seed in seeds:
            name, data = case(seed)
            (batch / name).write_bytes(data)
            names.add(name)
        project = folder / "project.sqlite"
        shutil.copy(db_template, project)
        service = Service.open(project)
        try:
            report = service.import_paths([batch])
            assert {Path(i.path.split(" row ")[0]).name for i in report.items} == names
            assert all("\n" not in (i.reason or "") for i in report.items)
            assert service.stats().articles == report.count("imported")
        finally:
            service.close()

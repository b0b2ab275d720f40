"""Readers by file type, and the walk over the files and folders a user names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.ingest.csv_reader import CsvOptions, read_csv
from desktop.core.ingest.document import Document
from desktop.core.ingest.docx_reader import read_docx
from desktop.core.ingest.html_reader import read_html
from desktop.core.ingest.pdf_reader import read_pdf
from desktop.core.ingest.text_reader import read_md, read_txt

READERS: dict[str, Callable[[Path], list[Document]]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUFFIXES = frozenset([*READERS, ".csv", ".tsv"])


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files of known types found by recursing into folders, sorted.

    Sorting makes processing deterministic: the same folder gives the same ids.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in p.parts)))
        else:
            found.append(path)
    return found


def count_documents(path: Path) -> int:
    """How many documents a file holds (rows of a CSV, else one), for progress totals."""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return 1
    try:
        return max(1, sum(1 for _ in read_csv(path)))
    except InputError:
        return 1


def read(path: Path, csv_options: CsvOptions = CsvOptions()) -> Iterator[Document]:
    """The documents in one file; raises InputError naming the file if it cannot be read."""
    if not path.exists():
        raise InputError(path, "no such file or folder")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        yield from read_csv(path, csv_options)
        return
    reader = READERS.get(suffix, read_txt if not suffix else None)
    if reader is None:
        raise InputError(path, f"unsupported file type {suffix!r} (FactDesk reads "
                               f"{', '.join(sorted(SUFFIXES))})")
    yield from reader(path)

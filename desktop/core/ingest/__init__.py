"""Readers by file type, and the walk over the files and folders a user names."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from desktop.core.errors import InputError
from desktop.core.ingest.csv_reader import CsvOptions, read_csv
from desktop.core.ingest.document import Document
from desktop.core.ingest.docx_reader import read_docx
from desktop.core.ingest.html_reader import read_html
from desktop.core.ingest.pdf_reader import read_pdf
from desktop.core.ingest.problems import damaged
from desktop.core.ingest.quiet import quiet, silence_library_logs
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

silence_library_logs()


def _wanted(folder: Path, path: Path) -> bool:
    """A file of a known type, not hidden below the folder the user named."""
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    return path.suffix.lower() in SUFFIXES and not hidden and path.is_file()


def _walk(folder: Path) -> list[Path]:
    """Files of known types below ``folder``; a folder that cannot be opened is listed as
    it is, so that reading it reports the problem instead of skipping it without a word."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        if error.filename is not None:
            found.append(Path(error.filename))

    for top, _dirs, names in os.walk(folder, onerror=unreadable):
        found.extend(p for p in (Path(top) / name for name in names) if _wanted(folder, p))
    return sorted(found)


def _is_folder(path: Path) -> bool:
    """Path.is_dir, without the OSError it raises for a name too long for the file system
    (reading the path then reports it)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files of known types found by recursing into folders, sorted.

    Sorting makes processing deterministic: the same folder gives the same ids.
    """
    found: list[Path] = []
    for path in paths:
        found.extend(_walk(path) if _is_folder(path) else [path])
    return found


def count_documents(path: Path) -> int:
    """How many documents a file holds (rows of a CSV, else one), for progress totals."""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return 1
    try:
        return max(1, sum(1 for _ in read(path)))
    except InputError:
        return 1


def _missing(path: Path) -> InputError:
    """Why a path that does not exist as a file or folder cannot be read."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return InputError(path, "the name is too long for the file system")
        if exc.errno == errno.ELOOP:
            return InputError(path, "symbolic link loop: the link points back to itself")
        if path.is_symlink():
            return InputError(path, f"broken symbolic link (it points to {os.readlink(path)})")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return InputError(path, f"cannot open ({exc.strerror})")
    return InputError(path, "no such file or folder")


def _folder(path: Path) -> InputError:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return InputError(path, f"cannot open the folder ({exc.strerror})")
    return InputError(path, "a folder: import it as a folder to read the files inside")


def _read(path: Path, csv_options: CsvOptions) -> Iterator[Document]:
    if _is_folder(path):
        raise _folder(path)
    if not os.path.exists(path):
        raise _missing(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        yield from read_csv(path, csv_options)
        return
    reader = READERS.get(suffix, read_txt if not suffix else None)
    if reader is None:
        raise InputError(path, f"unsupported file type {suffix!r} (FactDesk reads "
                               f"{', '.join(sorted(SUFFIXES))})")
    with quiet():
        documents = reader(path)
    yield from documents


def read(path: Path, csv_options: CsvOptions = CsvOptions()) -> Iterator[Document]:
    """The documents in one file; raises InputError naming the file if it cannot be read.

    Any failure, whatever its type, becomes an InputError for this file alone: one hostile
    file must never stop a batch.
    """
    try:
        yield from _read(path, csv_options)
    except InputError:
        raise
    except Exception as exc:
        raise damaged(path, f"{path.suffix.lower() or 'text'} file", exc) from exc

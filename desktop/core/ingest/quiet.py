"""Keeping parsing libraries' complaints about sloppy files off the user's terminal.

pypdf logs "invalid pdf header" and warns PdfReadWarning, trafilatura logs pages it finds
too short, dateutil warns about zone names it does not know: none of it is something the
user can act on, and FactDesk reports every file it cannot read in its own line.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

LIBRARIES = ("pypdf", "trafilatura", "htmldate", "courlan", "charset_normalizer", "docx")


def silence_library_logs() -> None:
    """Keep the parsing libraries' log records from Python's last-resort stderr handler."""
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL)


@contextmanager
def quiet() -> Iterator[None]:
    """Ignore user and runtime warnings raised while a library parses a file.

    Deprecation warnings stay as configured: they are for FactDesk's developers, and the
    test suite turns FactDesk's own into errors.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        yield

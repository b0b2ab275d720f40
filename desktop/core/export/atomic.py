"""Writing an export to a temporary file beside the target, then renaming it into place,
so a failed or cancelled export never leaves a half-written file or damages an older one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.errors import FactDeskError


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target."""
    folder = target.parent
    if not folder.is_dir():
        raise FactDeskError(f"{target}: the folder {folder} does not exist")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                        dir=folder)
    except OSError as exc:
        raise FactDeskError(f"{target}: cannot write in {folder} ({exc.strerror})") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise FactDeskError(f"{target}: cannot replace the file; is it open in Excel or "
                                f"another program, or a folder? ({exc.strerror})") from exc
    finally:
        temporary.unlink(missing_ok=True)

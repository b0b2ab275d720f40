"""Writing an export to a temporary file beside the target, then renaming it into place,
so a failed or cancelled export never leaves a half-written file or damages an older one.

The temporary file is created the way any program saves a file: with the permissions the
user's umask allows (0644 under the usual 022), so colleagues on a shared folder can open
it. tempfile.mkstemp would make it 0600, and the rename would carry that over.
"""

from __future__ import annotations

import gc
import os
import secrets
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml.etree import SerialisationError

from desktop.core.errors import FactDeskError

_NEW_FILE_MODE = 0o666
"""What open(2) is asked for; the kernel takes the umask away, as for any saved file."""


def _create_temporary(target: Path) -> Path:
    """A new, empty file beside the target that no other process can have opened."""
    while True:
        temporary = target.with_name(f".{target.stem}-{secrets.token_hex(4)}{target.suffix}")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise FactDeskError(f"{target}: cannot write in {target.parent} "
                                f"({exc.strerror})") from exc
        os.close(handle)
        return temporary


def _release_quietly(exc: BaseException) -> None:
    """Let go of the failed writer now, without a second report of the same failure.

    openpyxl's sheet writers are generators kept alive by the traceback; closed later by
    the garbage collector, they hit the full disk again and Python prints "Exception
    ignored in ..." with a traceback under FactDesk's one-line message.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces the target."""
    folder = target.parent
    if not folder.is_dir():
        raise FactDeskError(f"{target}: the folder {folder} does not exist")
    temporary = _create_temporary(target)
    try:
        try:
            yield temporary
            with temporary.open("rb+") as written:
                os.fsync(written.fileno())
        except (OSError, SerialisationError) as exc:
            # openpyxl streams XML through lxml, which reports a failed write (a full disk:
            # IO_ENOSPC) as its own error rather than an OSError.
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            _release_quietly(exc)
            kept = "the earlier file is unchanged" if target.exists() else "nothing was written"
            raise FactDeskError(f"{target}: writing failed ({reason}; a full disk?); "
                                f"{kept}") from exc
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise FactDeskError(f"{target}: cannot replace the file; is it open in Excel or "
                                f"another program, or a folder? ({exc.strerror})") from exc
    finally:
        temporary.unlink(missing_ok=True)

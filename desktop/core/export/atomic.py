"""Writing an export to a temporary file beside the target, then renaming it into place,
so a failed or cancelled export never leaves a half-written file or damages an older one.

The temporary file is created the way any program saves a file: with the permissions the
user's umask allows (0644 under the usual 022), so colleagues on a shared folder can open
it. tempfile.mkstemp would make it 0600, and the rename would carry that over.

An export killed outright (SIGKILL, a crash, a power cut) cannot remove its temporary
file. So the writer holds an advisory lock (flock) on it for as long as it lives, which
the kernel lets go when the process ends however it ends; the next export to the same
target removes every temporary file of that target whose lock it can take. On NFS the
lock is shared between machines; where locks exist only per machine (some SMB mounts) or
not at all (Windows here), nothing is removed, as a colleague's export may still be
writing it.
"""

from __future__ import annotations

import gc
import os
import re
import secrets
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from lxml.etree import SerialisationError

from desktop.core.errors import FactDeskError

_NEW_FILE_MODE = 0o666
"""What open(2) is asked for; the kernel takes the umask away, as for any saved file."""


def _temporary_names(target: Path) -> re.Pattern[str]:
    """The names _create_temporary gives: ``.claims-1f2e3d4c.xlsx`` for claims.xlsx."""
    return re.compile(rf"\.{re.escape(target.stem)}-[0-9a-f]{{8}}{re.escape(target.suffix)}")


def _lock(handle: int, *, wait: bool) -> bool:
    """Take the advisory lock on an open file; False if another process holds it, or if
    the file system has no locks (then nobody can prove the file dead)."""
    if sys.platform == "win32":
        return False
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _still_named(path: Path, handle: int) -> bool:
    """Whether ``path`` is still the file open as ``handle`` (a cleaner may have removed
    it between our create and our lock)."""
    try:
        return os.stat(path).st_ino == os.fstat(handle).st_ino
    except FileNotFoundError:
        return False


def remove_dead_temporaries(target: Path) -> int:
    """Remove the temporary files of earlier exports to ``target`` whose writer is gone
    (its lock is free); returns how many were removed. One that cannot be removed stays:
    cleaning up never fails an export."""
    names = _temporary_names(target)
    try:
        with os.scandir(target.parent) as entries:
            leftovers = [Path(e.path) for e in entries if names.fullmatch(e.name)]
    except OSError:
        return 0
    removed = 0
    for leftover in leftovers:
        with suppress(OSError):
            handle = os.open(leftover, os.O_RDONLY)
            try:
                if _lock(handle, wait=False) and _still_named(leftover, handle):
                    leftover.unlink()
                    removed += 1
            finally:
                os.close(handle)
    return removed


def _create_temporary(target: Path) -> tuple[Path, int | None]:
    """A new, empty file beside the target that no other process can have opened, and a
    handle holding its lock until the export ends (None where there are no locks)."""
    while True:
        temporary = target.with_name(f".{target.stem}-{secrets.token_hex(4)}{target.suffix}")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise FactDeskError(f"{target}: cannot write in {target.parent} "
                                f"({exc.strerror})") from exc
        if not _lock(handle, wait=True):
            os.close(handle)
            return temporary, None
        # A cleaner may have taken the lock first and removed the file: then anew.
        if _still_named(temporary, handle):
            return temporary, handle
        os.close(handle)


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
    remove_dead_temporaries(target)
    temporary, lock = _create_temporary(target)
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
        if lock is not None:
            os.close(lock)

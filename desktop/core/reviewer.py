"""Who an edit is recorded under when the user has not given a name."""

from __future__ import annotations

import getpass


def login_name() -> str | None:
    """The operating system's name for the user: an audit trail with an empty "who" cannot
    answer the question it exists for."""
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):  # no login name in the environment or the user database
        return None

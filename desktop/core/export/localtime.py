"""Stored times (UTC) as the user's local time with its offset, for Excel, which has no
time zones: the offset goes into the cell's number format, "2025-06-05 11:05 +02:00"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_OFFSETS: dict[datetime, tuple[timedelta, str]] = {}
"""The local offset of each UTC hour seen: asking the system per cell is the slow part
of writing a timestamp, and offsets change on the hour at most."""


def local_time(value: datetime) -> tuple[datetime, str]:
    """A stored time (naive UTC, or aware) as the user's local time and its UTC offset,
    "+02:00"; the datetime is naive because Excel has no time zones."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    hour = aware.replace(minute=0, second=0, microsecond=0)
    shift = _OFFSETS.get(hour)
    if shift is None:
        if len(_OFFSETS) > 10_000:
            _OFFSETS.clear()
        offset = hour.astimezone().utcoffset() or timedelta(0)
        sign, minutes = ("-" if offset < timedelta(0) else "+"), abs(offset) // timedelta(minutes=1)
        shift = _OFFSETS[hour] = (offset, f"{sign}{minutes // 60:02d}:{minutes % 60:02d}")
    return (aware + shift[0]).replace(tzinfo=None), shift[1]

"""The one conversion between Python dates/times and Qt's (``QDate``, ``QTime``, ``QDateTime``)."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qtime(value: time) -> QTime:
    """Hours and minutes (the roster has no seconds)."""
    return QTime(value.hour, value.minute)


def to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def to_qdatetime(value: datetime) -> QDateTime:
    """To the minute (seconds dropped, as the forms show them)."""
    return QDateTime(value.year, value.month, value.day, value.hour, value.minute, 0)

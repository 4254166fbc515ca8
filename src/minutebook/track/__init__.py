"""Accountability: the undertakings register, follow-up detection, themes and reports.

* :mod:`~minutebook.track.register` — every undertaking with a stable id, a
  due date read from its words, a derived status and an append-only history;
* :mod:`~minutebook.track.followup` — later items that may answer an open
  undertaking, ranked, for a user to confirm;
* :mod:`~minutebook.track.themes` — topics and decisions grouped into themes
  that recur across meetings and years;
* :mod:`~minutebook.track.report` — the Lead Member's accountability summary
  (:mod:`~minutebook.track.render_report` writes it as Markdown, HTML or PDF);
* :mod:`~minutebook.track.similarity` — the lexical (BM25) and semantic
  (bundled MiniLM, optional) measures the others use.

>>> from minutebook.track import due_date
>>> import datetime as dt
>>> due_date("within two weeks", dt.date(2024, 3, 5)).date
datetime.date(2024, 3, 19)
"""

from __future__ import annotations

from minutebook.track.due import DueDate, due_date
from minutebook.track.followup import FollowupFinder, Proposal, confirm, propose, reject
from minutebook.track.register import (
    STATUSES,
    Entry,
    Event,
    Status,
    close,
    entries,
    entry,
    record_event,
    reopen,
    withdraw,
)
from minutebook.track.report import LeadMemberReport, build_report
from minutebook.track.themes import Mention, Theme, themes

__all__ = [
    "STATUSES",
    "DueDate",
    "Entry",
    "Event",
    "FollowupFinder",
    "LeadMemberReport",
    "Mention",
    "Proposal",
    "Status",
    "Theme",
    "build_report",
    "close",
    "confirm",
    "due_date",
    "entries",
    "entry",
    "propose",
    "record_event",
    "reject",
    "reopen",
    "themes",
    "withdraw",
]

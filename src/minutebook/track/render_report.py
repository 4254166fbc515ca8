"""Write a :class:`~minutebook.track.report.LeadMemberReport` as Markdown, HTML or PDF.

Every statement ends with a link to the item it comes from. HTML is one
self-contained page (styles inline, no scripts); PDF is that page laid out
by WeasyPrint, an optional extra (``pip install 'minutebook[pdf]'``).

>>> import datetime as dt
>>> from minutebook.track.report import LeadMemberReport
>>> r = LeadMemberReport("Lead Member for Children's Services", dt.date(2024, 4, 1),
...                      dt.date(2025, 3, 31), None, dt.date(2025, 4, 1))
>>> to_markdown(r).splitlines()[0]
"# Lead Member for Children's Services: accountability to scrutiny"
"""

from __future__ import annotations

import html
from collections.abc import Callable

from minutebook.errors import UsageError
from minutebook.track.report import LeadMemberReport, Source

__all__ = ["FORMATS", "render", "to_html", "to_markdown", "to_pdf"]

FORMATS = ("md", "html", "pdf")


def _period(r: LeadMemberReport) -> str:
    return f"{r.start.isoformat()} to {r.end.isoformat()}"


def _sections(r: LeadMemberReport, link: Callable[[Source], str],
              esc: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """The report as (heading, lines); ``link`` and ``esc`` make each format's markup."""
    out: list[tuple[str, list[str]]] = []
    held = ", ".join(esc(n) for n in r.holders) or "nobody recorded in this role"
    where = f" at {esc(r.council)}" if r.council else ""
    summary = [
        f"Period: {_period(r)}{where}. Role held by: {held}.",
        f"Scrutiny meetings attended: {r.attended} of {len(r.attendances)}.",
        f"Undertakings given: {len(r.undertakings)}, answered: {r.answered}"
        f" (status as of {r.as_of.isoformat()}).",
        f"Decisions: {len(r.decisions)}; recorded votes: {len(r.votes)}; "
        f"recurring themes: {len(r.themes)}.",
    ]
    out.append(("Summary", summary))
    lines = []
    for a in r.attendances:
        what = "attended" if a.attended else ("apologies" if a.sources else "not recorded")
        refs = " ".join(link(s) for s in a.sources)
        lines.append(f"{a.meeting.date.isoformat() if a.meeting.date else 'undated'} — "
                     f"{esc(a.meeting.committee or '')}: {what} {refs}".rstrip())
    out.append(("Attendance at scrutiny", lines or ["No scrutiny meetings in the period."]))
    lines = []
    for topic, questions in r.questions.items():
        lines.append(f"**{esc(topic)}**")
        for q in questions:
            label = f"{esc(q.topic)}: " if q.topic != topic else ""
            lines.append(f"- {label}{esc(q.answer)} {link(q.source)}")
    out.append(("Questions raised, by topic, and the answers given",
                lines or ["No questions recorded."]))
    lines = []
    for e, s in r.undertakings:
        due = e.due.label
        evidence = ""
        if e.answer is not None:
            evidence = f"; answered: {esc(e.answer.evidence or '')} (recorded by " \
                       f"{esc(e.answer.actor)} on {e.answer.at.date().isoformat()})"
        lines.append(f"- [{e.status}] #{e.id} {esc(e.undertaking.by or 'unattributed')}: "
                     f"{esc(e.undertaking.action)} (due {esc(due)}{evidence}) {link(s)}")
    out.append(("Undertakings and whether each was answered",
                lines or ["No undertakings recorded."]))
    lines = [f"- {esc(d.kind)}: {esc(d.text)} {link(d.source)}" for d in r.decisions]
    out.append(("Decisions", lines or ["No decisions recorded."]))
    lines = [f"- {esc(v.position)}: {esc(', '.join(v.members))}"
             f"{' (rule ' + esc(v.rule) + ')' if v.rule else ''} {link(v.source)}"
             for v in r.votes]
    out.append(("Recorded votes", lines or ["No recorded votes."]))
    lines = []
    for t in r.themes:
        years = ", ".join(str(y) for y in t.earlier_years)
        refs = " ".join(link(s) for s in t.in_period)
        labels = "; ".join(esc(x) for x in t.theme.labels[:4])
        lines.append(f"- **{esc(t.theme.name)}** — raised before in {years} (as: {labels}); "
                     f"this period: {refs}")
    out.append(("Themes recurring from earlier years", lines or ["None."]))
    return out


def to_markdown(r: LeadMemberReport) -> str:
    """The report as Markdown, each statement linked to its source item."""

    def link(s: Source) -> str:
        return f"([{s.label}]({s.link}))"

    parts = [f"# {r.role}: accountability to scrutiny", ""]
    for heading, lines in _sections(r, link, _md_escape):
        parts += [f"## {heading}", "", *lines, ""]
    return "\n".join(parts)


def _md_escape(text: str) -> str:
    # Minutes text may hold brackets and asterisks; keep them from becoming markup.
    return " ".join(text.split()).replace("[", "\\[").replace("]", "\\]").replace("*", "\\*")


_STYLE = """
body { font-family: Georgia, serif; max-width: 52em; margin: 2em auto; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; border-bottom: 1px solid #999; }
a.src { font-size: .85em; color: #245; } p, li { margin: .25em 0; }
"""


def to_html(r: LeadMemberReport) -> str:
    """The report as one HTML page, each statement linked to its source item."""

    def link(s: Source) -> str:
        return (f'<a class="src" href="{html.escape(s.link, quote=True)}">'
                f"[{html.escape(s.label)}]</a>")

    def esc(text: str) -> str:
        return html.escape(" ".join(text.split()))

    body = [f"<h1>{esc(r.role)}: accountability to scrutiny</h1>"]
    for heading, lines in _sections(r, link, esc):
        body.append(f"<h2>{esc(heading)}</h2>")
        items: list[str] = []
        for line in lines:
            if line.startswith("- "):
                items.append(f"<li>{_bold(line[2:])}</li>")
                continue
            if items:
                body.append("<ul>" + "".join(items) + "</ul>")
                items = []
            body.append(f"<p>{_bold(line)}</p>")
        if items:
            body.append("<ul>" + "".join(items) + "</ul>")
    title = html.escape(f"{r.role}: {_period(r)}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{_STYLE}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def _bold(text: str) -> str:
    parts = text.split("**")
    return "".join(f"<strong>{p}</strong>" if n % 2 else p for n, p in enumerate(parts))


def to_pdf(r: LeadMemberReport) -> bytes:
    """The HTML report laid out as PDF by WeasyPrint (the ``pdf`` extra)."""
    try:
        import weasyprint
    except ImportError:
        raise UsageError(None, "PDF output needs WeasyPrint: pip install 'minutebook[pdf]'"
                         ) from None
    result: bytes = weasyprint.HTML(string=to_html(r)).write_pdf()
    return result


def render(r: LeadMemberReport, fmt: str) -> bytes:
    """The report in ``fmt`` (``md``, ``html`` or ``pdf``) as bytes."""
    if fmt == "md":
        return to_markdown(r).encode()
    if fmt == "html":
        return to_html(r).encode()
    if fmt == "pdf":
        return to_pdf(r)
    raise UsageError(None, f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")

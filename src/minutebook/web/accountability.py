"""Accountability views: the undertakings tracker with proposals, theme timelines, the report.

A router of its own, mounted beside the app's pages with one line in
:func:`minutebook.web.app.create_app`::

    app.include_router(accountability.router)

Pages (server-rendered, extending the site's ``base.html``):

- ``/accountability/undertakings`` — the register with status and due date,
  filtered by council, committee, status and person;
- ``/accountability/undertakings/{id}`` — one undertaking, its history and
  the later items proposed as its answer, with the reasons;
- ``/accountability/themes`` — recurring themes, each with its timeline;
- ``/accountability/report`` — the Lead Member's accountability summary.

The same data as JSON under ``/api/accountability/...``. The views only
read: answers are recorded with ``minutebook undertakings close|confirm``,
which keep who and when.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from minutebook.errors import StoreError
from minutebook.track.followup import propose
from minutebook.track.register import STATUSES, Status, entries, entry
from minutebook.track.report import build_report
from minutebook.track.themes import themes
from minutebook.track.views import entry_json, proposal_json, report_json, theme_json
from minutebook.web.deps import ApiError, StoreDep

__all__ = ["router"]

router = APIRouter()

Text = Annotated[str | None, Query()]

_LIST = """{% extends "base.html" %}
{% set section = "undertakings" %}
{% block title %}Undertakings tracker{% endblock %}
{% block main %}
<h1>Undertakings tracker</h1>
<p class="lede">Every promise minuted, when it is due, and whether an answer was recorded.</p>
<form class="search-form" action="/accountability/undertakings" method="get">
  <div class="field"><label for="a-council">Council</label>
    <input id="a-council" name="council" value="{{ params.council or '' }}"></div>
  <div class="field"><label for="a-committee">Committee</label>
    <input id="a-committee" name="committee" value="{{ params.committee or '' }}"></div>
  <div class="field"><label for="a-person">Given by</label>
    <input id="a-person" name="person" value="{{ params.person or '' }}"></div>
  <div class="field"><label for="a-status">Status</label>
    <select id="a-status" name="status"><option value="">Any status</option>
    {% for s in statuses %}<option value="{{ s }}"{% if s == params.status %} selected{% endif
  %}>{{ s }}</option>{% endfor %}
    </select></div>
  <div class="field wide actions"><button type="submit">Filter</button>
    <a href="/accountability/undertakings">Clear</a></div>
</form>
<p>{{ rows|length }} undertaking{{ "" if rows|length == 1 else "s" }}{% for s, n in tally %},
  {{ n }} {{ s }}{% endfor %}</p>
<ol class="cards">
{% for e in rows %}
  <li class="card status-{{ e.status }}">
    <p><a href="/accountability/undertakings/{{ e.id }}">#{{ e.id }}</a>
      <strong>{{ e.status }}</strong> · due {{ e.due.label }}</p>
    <p>{{ e.undertaking.by or "unattributed" }}: {{ e.undertaking.action }}</p>
    <p><a href="/items/{{ e.item.id }}">{{ e.item.label }}</a></p>
    {% if e.answer %}<p>Answered: {{ e.answer.evidence }} ({{ e.answer.actor }}, {{
  e.answer.at.date() }})</p>{% endif %}
  </li>
{% endfor %}
</ol>
{% endblock %}
"""

_ONE = """{% extends "base.html" %}
{% set section = "undertakings" %}
{% block title %}Undertaking #{{ e.id }}{% endblock %}
{% block main %}
<h1>Undertaking #{{ e.id }}: {{ e.status }}</h1>
<p>{{ e.undertaking.by or "unattributed" }}: {{ e.undertaking.action }}</p>
<blockquote>{{ e.undertaking.sentence }}</blockquote>
<p>Due {{ e.due.label }}{% if e.due.phrase %} (“{{ e.due.phrase }}”){% endif %} ·
  <a href="/items/{{ e.item.id }}">{{ e.item.label }}</a></p>
<h2>History</h2>
{% if e.events %}<ul>{% for ev in e.events %}
  <li>{{ ev.at.strftime("%Y-%m-%d %H:%M") }} {{ ev.actor }}: {{ ev.kind }}{% if ev.evidence %}:
  {{ ev.evidence }}{% endif %}{% if ev.note %} — {{ ev.note }}{% endif %}</li>
{% endfor %}</ul>{% else %}<p>Nothing recorded yet.</p>{% endif %}
<h2>Proposed follow-ups</h2>
{% if proposals %}<ol>{% for p in proposals %}
  <li><a href="/items/{{ p.item.id }}">{{ p.item.label }}</a> · score {{ "%.2f"|format(p.score)
  }}
    {% if p.words %}· words: {{ p.words|join(", ") }}{% endif %}
    {% if p.phrases %}· phrases: {{ p.phrases|join("; ") }}{% endif %}</li>
{% endfor %}</ol>
<p>Confirm one with <code>minutebook undertakings confirm {{ e.id }} ITEM_ID</code>.</p>
{% else %}<p>No later item looks like an answer{% if e.status not in ("open", "overdue") %}
  (not searched: {{ e.status }}){% endif %}.</p>{% endif %}
{% endblock %}
"""

_THEMES = """{% extends "base.html" %}
{% block title %}Themes{% endblock %}
{% block main %}
<h1>Recurring themes</h1>
<form class="search-form" action="/accountability/themes" method="get">
  <div class="field"><label for="t-council">Council</label>
    <input id="t-council" name="council" value="{{ params.council or '' }}"></div>
  <div class="field"><label for="t-committee">Committee</label>
    <input id="t-committee" name="committee" value="{{ params.committee or '' }}"></div>
  <div class="field wide actions"><button type="submit">Filter</button></div>
</form>
{% for t in rows %}
<section id="theme-{{ t.id }}">
  <h2>{{ t.name }}</h2>
  <p>{{ t.meetings }} meetings, {{ t.years|join(", ") }}{% if t.labels|length > 1 %} · also as:
  {{ t.labels[1:]|join("; ") }}{% endif %}</p>
  <ol class="timeline">{% for day, mentions in t.timeline() %}
    <li><strong>{{ day or "undated" }}</strong> {% for m in mentions %}<a href="/items/{{
  m.item.id }}">{{ m.label }}</a> ({{ m.item.meeting.committee }}){% if not loop.last %}; {%
  endif %}{% endfor %}</li>
  {% endfor %}</ol>
</section>
{% else %}<p>No recurring themes.</p>{% endfor %}
{% endblock %}
"""

_REPORT = """{% extends "base.html" %}
{% block title %}Accountability report{% endblock %}
{% block main %}
<h1>Accountability report</h1>
<form class="search-form" action="/accountability/report" method="get">
  <div class="field"><label for="r-role">Role</label>
    <input id="r-role" name="role" value="{{ params.role or '' }}" required></div>
  <div class="field"><label for="r-from">From</label>
    <input id="r-from" name="from" type="date" value="{{ params.start or '' }}" required></div>
  <div class="field"><label for="r-to">To</label>
    <input id="r-to" name="to" type="date" value="{{ params.end or '' }}" required></div>
  <div class="field"><label for="r-council">Council</label>
    <input id="r-council" name="council" value="{{ params.council or '' }}"></div>
  <div class="field wide actions"><button type="submit">Write the report</button></div>
</form>
{% if r %}
<p>{{ r.role }}, {{ r.start }} to {{ r.end }}: held by {{ r.holders|join(", ") or "nobody
  recorded" }}.
  Attended {{ r.attended }} of {{ r.attendances|length }} scrutiny meetings;
  {{ r.undertakings|length }} undertakings, {{ r.answered }} answered.</p>
<h2>Attendance at scrutiny</h2>
<ul>{% for a in r.attendances %}<li>{{ a.meeting.date }} {{ a.meeting.committee }}: {{
  "attended" if a.attended else "not attended" }}
  {% for s in a.sources %}<a href="/items/{{ s.item.id }}">[{{ s.item.number or s.item.id }}]
  </a> {% endfor %}</li>{% endfor %}</ul>
<h2>Questions by topic, with the answers given</h2>
{% for topic, qs in r.questions.items() %}<h3>{{ topic }}</h3><ul>{% for q in qs %}
  <li>{% if q.topic != topic %}{{ q.topic }}: {% endif %}{{ q.answer }} <a href="/items/{{
  q.source.item.id }}">[{{ q.source.label }}]</a></li>{% endfor %}</ul>
{% endfor %}
<h2>Undertakings</h2>
<ul>{% for e, s in r.undertakings %}<li><a href="/accountability/undertakings/{{ e.id }}">#{{
  e.id }}</a> [{{ e.status }}] {{ e.undertaking.by or "unattributed" }}: {{
  e.undertaking.action }} (due {{ e.due.label }}) <a href="/items/{{ s.item.id }}">[{{ s.label
  }}]</a></li>{% endfor %}</ul>
<h2>Decisions</h2>
<ul>{% for d in r.decisions %}<li>{{ d.kind }}: {{ d.text }} <a href="/items/{{
  d.source.item.id }}">[{{ d.source.label }}]</a></li>{% endfor %}</ul>
<h2>Recorded votes</h2>
<ul>{% for v in r.votes %}<li>{{ v.position }}: {{ v.members|join(", ") }} <a href="/items/{{
  v.source.item.id }}">[{{ v.source.label }}]</a></li>{% endfor %}</ul>
<h2>Themes recurring from earlier years</h2>
<ul>{% for t in r.themes %}<li>{{ t.theme.name }}: before in {{ t.earlier_years|join(", ") }};
  this period {% for s in t.in_period %}<a href="/items/{{ s.item.id }}">[{{ s.label }}]</a> {%
  endfor %}</li>{% endfor %}</ul>
{% endif %}
{% endblock %}
"""


def _page(request: Request, source: str, context: dict[str, Any]) -> Response:
    env = request.app.state.templates.env
    context.setdefault("section", "accountability")
    return HTMLResponse(env.from_string(source).render(request=request, **context))


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _status(value: str | None) -> Status | None:
    value = _blank(value)
    if value is None:
        return None
    for s in STATUSES:
        if s == value:
            return s
    raise ApiError(400, f"status must be one of {', '.join(STATUSES)}")


def _date(value: str | None, name: str) -> dt.date | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a date YYYY-MM-DD") from None


@router.get("/accountability/undertakings", response_class=HTMLResponse,
            include_in_schema=False)
def undertakings_page(request: Request, store: StoreDep, council: Text = None,
                      committee: Text = None, status: Text = None,
                      person: Text = None) -> Response:
    params = {"council": _blank(council), "committee": _blank(committee),
              "status": _blank(status), "person": _blank(person)}
    rows = entries(store, council=params["council"], committee=params["committee"],
                   person=params["person"], status=_status(status))
    tally = [(s, n) for s in STATUSES if (n := sum(e.status == s for e in rows))]
    return _page(request, _LIST, {"rows": rows, "params": params, "statuses": STATUSES,
                                  "tally": tally})


def _one(store: StoreDep, undertaking_id: int) -> Any:
    try:
        return entry(store, undertaking_id)
    except StoreError:
        raise ApiError(404, f"no undertaking {undertaking_id}") from None


@router.get("/accountability/undertakings/{undertaking_id}", response_class=HTMLResponse,
            include_in_schema=False)
def undertaking_page(request: Request, store: StoreDep, undertaking_id: int) -> Response:
    e = _one(store, undertaking_id)
    proposals = []
    if e.status in ("open", "overdue"):
        proposals = propose(store, undertaking_ids=[e.id], limit=5)[0][1]
    return _page(request, _ONE, {"e": e, "proposals": proposals})


@router.get("/accountability/themes", response_class=HTMLResponse, include_in_schema=False)
def themes_page(request: Request, store: StoreDep, council: Text = None,
                committee: Text = None) -> Response:
    params = {"council": _blank(council), "committee": _blank(committee)}
    rows = themes(store, council=params["council"], committee=params["committee"])
    return _page(request, _THEMES, {"rows": rows, "params": params})


@router.get("/accountability/report", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, store: StoreDep, role: Text = None,
                start: Annotated[str | None, Query(alias="from")] = None,
                end: Annotated[str | None, Query(alias="to")] = None,
                council: Text = None) -> Response:
    params = {"role": _blank(role), "start": _blank(start), "end": _blank(end),
              "council": _blank(council)}
    first, last = _date(start, "from"), _date(end, "to")
    report = None
    if params["role"] and first and last:
        report = build_report(store, params["role"] or "", first, last,
                              council=params["council"], link_base="")
    return _page(request, _REPORT, {"r": report, "params": params})


@router.get("/api/accountability/undertakings", tags=["accountability"])
def undertakings_api(store: StoreDep, council: Text = None, committee: Text = None,
                     status: Text = None, person: Text = None) -> dict[str, Any]:
    """The undertakings register: every promise with its status, due date and history."""
    rows = entries(store, council=_blank(council), committee=_blank(committee),
                   person=_blank(person), status=_status(status))
    return {"ok": True, "total": len(rows), "results": [entry_json(e, "") for e in rows]}


@router.get("/api/accountability/undertakings/{undertaking_id}", tags=["accountability"])
def undertaking_api(store: StoreDep, undertaking_id: int) -> dict[str, Any]:
    """One undertaking with its history and, while open, proposed follow-up items."""
    e = _one(store, undertaking_id)
    proposals = (propose(store, undertaking_ids=[e.id], limit=5)[0][1]
                 if e.status in ("open", "overdue") else [])
    return {"ok": True, "undertaking": entry_json(e, ""),
            "proposals": [proposal_json(p, "") for p in proposals]}


@router.get("/api/accountability/themes", tags=["accountability"])
def themes_api(store: StoreDep, council: Text = None,
               committee: Text = None) -> dict[str, Any]:
    """Recurring themes with their timelines."""
    rows = themes(store, council=_blank(council), committee=_blank(committee))
    return {"ok": True, "total": len(rows), "results": [theme_json(t, "") for t in rows]}


@router.get("/api/accountability/report", tags=["accountability"])
def report_api(store: StoreDep, role: str,
               start: Annotated[str, Query(alias="from")],
               end: Annotated[str, Query(alias="to")],
               council: Text = None) -> dict[str, Any]:
    """The Lead Member's accountability summary, every statement with its source."""
    first, last = _date(start, "from"), _date(end, "to")
    assert first is not None and last is not None
    report = build_report(store, role, first, last, council=_blank(council), link_base="")
    return {"ok": True, "report": report_json(report, "")}

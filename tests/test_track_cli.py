"""``minutebook undertakings``, ``themes`` and ``report``: exact output and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import fixtures, wrenfield
from minutebook.cli import main

corpus_template = fixtures.corpus_template


@pytest.fixture
def db(tmp_path: Path, corpus_template: Path) -> str:
    path = tmp_path / "wrenfield.db"
    path.write_bytes(corpus_template.read_bytes())
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"MINUTEBOOK_USER": "tester",
                                                        "MINUTEBOOK_SEMANTIC": "0"})
    return result.exit_code, result.output


ADULTS_LIST = """\
#2 [open] due not stated — Adults and Health Scrutiny Committee, 2021-02-04, item 204: \
Hospital Discharge
    Director of Adult Social Care: circulate the number of delayed discharges from the district \
hospital each month
#7 [overdue] due 2022-03-17 — Adults and Health Scrutiny Committee, 2022-02-03, item 228: \
Care Home Fees
    Portfolio Holder for Adult Social Care: report back on the fee uplift for residential care \
homes within six weeks
#11 [open] due not stated — Adults and Health Scrutiny Committee, 2023-02-02, item 252: \
Carers' Support
    Head of Commissioning: share the results of the survey of unpaid carers
#15 [overdue] due 2024-05-31 — Adults and Health Scrutiny Committee, 2024-02-01, item 276: \
Adult Safeguarding Annual Report
    Director of Adult Social Care: provide the number of safeguarding concerns raised by care \
homes by the end of May 2024
4 undertakings: 2 open, 2 overdue
"""


def test_list_close_show(db: str) -> None:
    assert run("undertakings", "--db", db, "--committee", wrenfield.ADULTS,
               "--as-of", "2025-03-31") == (0, ADULTS_LIST)
    code, out = run("undertakings", "close", "7", "--evidence", "Fee uplift briefing",
                    "--db", db)
    assert code == 0
    assert re.fullmatch(r"#7 answered: Fee uplift briefing \(tester, \d{4}-\d\d-\d\d "
                        r"\d\d:\d\d\)\n", out)
    code, out = run("undertakings", "show", "7", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("#7 [answered] due 2022-03-17 — ")
    assert re.fullmatch(r"    \d{4}-\d\d-\d\d \d\d:\d\d tester: answered: Fee uplift briefing",
                        lines[3])
    assert lines[4] == ("    sentence: The Portfolio Holder for Adult Social Care undertook to "
                        "report back on the fee uplift for residential care homes within six "
                        "weeks.")
    code, out = run("undertakings", "--db", db, "--status", "answered", "--json")
    data = json.loads(out)
    assert code == 0 and [d["id"] for d in data] == [7]
    assert data[0]["answer"]["evidence"] == "Fee uplift briefing"
    assert data[0]["answer"]["actor"] == "tester"


def test_follow_ups_confirm_and_errors(db: str) -> None:
    code, out = run("undertakings", "follow-ups", "2", "--db", db, "--lexical", "--limit", "1")
    assert code == 0
    assert out.splitlines()[2:] == [
        "  1. score 1.30  item 77  Adults and Health Scrutiny Committee, 2021-07-08, item 212: "
        "Delayed Discharges: Information Requested",
        '     words: number, delayed, discharges, district, hospital, monthly | phrases: '
        '"Further to the information requested at the last meeting"',
    ]
    code, out = run("undertakings", "confirm", "2", "77", "--db", db, "--by", "chair")
    assert (code, out) == (0, "#2 answered: Adults and Health Scrutiny Committee, 2021-07-08, "
                              "item 212: Delayed Discharges: Information Requested "
                              "<https://democracy.wrenfield.example/adults/2021-07-08> (chair)\n")
    assert run("undertakings", "close", "999", "--evidence", "x", "--db", db) == (
        1, f"Error: {db}: no undertaking 999 in the register\n")
    code, out = run("undertakings", "reopen", "3", "--reason", "x", "--db", db)
    assert (code, out) == (2, "Error: undertaking 3 is overdue, not closed\n")
    assert run("undertakings", "--db", str(Path(db).with_name("none.db")))[0] == 1


def test_themes_and_report(db: str, tmp_path: Path) -> None:
    code, out = run("themes", "--db", db, "--committee", wrenfield.ADULTS, "--min-meetings", "9")
    assert (code, out) == (0, """\
1. Hospital discharge — 10 meetings (2021, 2022, 2023, 2024, 2025)
   also: Delayed discharges; Discharge to assess; Hospital Discharge; Delayed Discharges: \
Information Requested
2. Unpaid carers — 9 meetings (2021, 2022, 2023, 2024, 2025)
   also: Carers' breaks; Support for carers; Carers' Support; Carers survey
2 themes
""")
    args = ["report", "--db", db, "--role", wrenfield.PH_ROLE, "--from", "2024-04-01",
            "--to", "2025-02-28", "--as-of", "2025-03-01"]
    code, out = run(*args)
    assert code == 0 and out.startswith(f"# {wrenfield.PH_ROLE}: accountability to scrutiny")
    assert "Scrutiny meetings attended: 4 of 4." in out
    target = tmp_path / "report.html"
    code, out = run(*args, "--format", "html", "-o", str(target))
    assert (code, out) == (0, f"Wrote {target}\n")
    assert target.read_text().startswith("<!DOCTYPE html>")
    code, out = run(*args, "--format", "json")
    assert code == 0 and json.loads(out)["holders"] == [wrenfield.PH_NAME]
    assert run(*args, "--format", "pdf") == (2, "Error: --format pdf needs --output FILE\n")
    assert run("report", "--db", db, "--role", "x", "--from", "2025-01-01", "--to",
               "2024-01-01") == (2, "Error: --from must not be after --to\n")


def test_every_command_has_help_with_an_example() -> None:
    for args in (["undertakings"], ["undertakings", "show"], ["undertakings", "close"],
                 ["undertakings", "withdraw"], ["undertakings", "reopen"],
                 ["undertakings", "follow-ups"], ["undertakings", "confirm"],
                 ["undertakings", "reject"], ["themes"], ["report"]):
        code, out = run(*args, "--help")
        assert code == 0 and "Example" in out, args

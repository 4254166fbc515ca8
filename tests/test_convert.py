"""Converters: HTML, ModernGov XML and PDF to text, on our own fixtures in ModernGov's shapes.

Fixtures live in ``tests/fixtures/convert``; each ``NAME.html``/``.htm``/``.xml``
has its expected text beside it as ``NAME.expected.txt``. To accept a
deliberate change of output, regenerate them and review the diff::

    MINUTEBOOK_REGENERATE=1 .venv/bin/pytest tests/test_convert.py -k golden

The real ModernGov responses in ``../shared/fixtures/moderngov`` and the real
minutes in ``../shared/eval/dev`` are read from there when present.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutebook.convert import convert, convert_file, detect_format
from minutebook.convert.guard import ensure_minutes, minutes_signal
from minutebook.convert.html import decode_html, html_document, html_to_text
from minutebook.convert.pdf import pdf_document
from minutebook.convert.xml import xml_document
from minutebook.document import DocumentText
from minutebook.errors import (
    EmptyDocument,
    InputError,
    NoTextLayer,
    NotMinutes,
    UnreadableFile,
    UnsupportedFormat,
)
from minutebook.models import Attendee, SupportingDocument
from pdfgen import encrypted_pdf, scanned_pdf, text_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
SHARED = Path(__file__).resolve().parents[2] / "shared"
MODERNGOV = SHARED / "fixtures" / "moderngov"
DEV = SHARED / "eval" / "dev"
SITE = "https://democracy.wexcombe.gov.uk/"
NOT_MINUTES = {"council_home", "login", "not_found"}
GOLDEN = sorted(
    p
    for p in FIXTURES.iterdir()
    if p.suffix in {".html", ".htm", ".xml"} and p.stem not in NOT_MINUTES
)


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def shared(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is read when available)")
    return path.read_bytes()


# --- html_to_text --------------------------------------------------------------


def test_paragraphs_and_headings_are_separated_by_blank_lines() -> None:
    page = (
        "<h2>Budget 2024/25</h2><p>The report was\n   introduced.</p><div>Next</div><div>Line</div>"
    )
    assert html_to_text(page) == "Budget 2024/25\n\nThe report was introduced.\n\nNext\nLine"


def test_line_breaks_and_double_breaks() -> None:
    page = "<p>RESOLVED that<br>the report be noted.<br><br>Carried.</p>"
    assert html_to_text(page) == "RESOLVED that\nthe report be noted.\n\nCarried."


def test_list_items_get_bullets_and_nested_lists_are_indented() -> None:
    page = (
        "<p>Members asked about:</p><ul><li>school transport</li>"
        "<li><p>foster carers</p><ul><li>recruitment</li><li>retention</li></ul></li></ul>"
        "<p>The Chair thanked everyone.</p>"
    )
    assert html_to_text(page) == (
        "Members asked about:\n\n"
        "• school transport\n"
        "• foster carers\n"
        "  • recruitment\n"
        "  • retention\n\n"
        "The Chair thanked everyone."
    )


def test_ordered_lists_are_numbered_in_their_own_style() -> None:
    page = (
        '<p>RESOLVED that:</p><ol type="a"><li>the report be noted;</li><li>the plan be approved.'
        '</li></ol><ol start="4"><li>four</li></ol><ol type="i"><li>one</li><li>two</li>'
        "<li>three</li><li>four</li></ol>"
    )
    assert html_to_text(page) == (
        "RESOLVED that:\n\na. the report be noted;\nb. the plan be approved.\n\n4. four\n\n"
        "i. one\nii. two\niii. three\niv. four"
    )


def test_an_empty_list_item_still_takes_its_own_line() -> None:
    assert html_to_text("<ul><li>one</li><li></li><li>three</li></ul>") == "• one\n•\n• three"


def test_table_cells_are_tab_separated_and_rows_are_lines() -> None:
    page = (
        "<table><caption>Recorded vote</caption><tr><th>Member</th><th>Vote</th></tr>"
        "<tr><td>Councillor Okafor</td><td>For</td></tr>"
        "<tr><td><p>Councillor Lowe</p></td><td><p>Against</p></td></tr></table>"
    )
    assert html_to_text(page) == (
        "Recorded vote\nMember\tVote\nCouncillor Okafor\tFor\nCouncillor Lowe\tAgainst"
    )


def test_cells_holding_several_paragraphs_keep_them_as_paragraphs() -> None:
    page = "<table><tr><td><p>41.</p></td><td><p>Apologies</p><p>Minutes:</p></td></tr></table>"
    assert html_to_text(page) == "41.\n\nApologies\n\nMinutes:"


def test_scripts_styles_hidden_and_navigation_are_dropped() -> None:
    page = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><script>document.write('RESOLVED x')</script>"
        "<noscript>Enable JavaScript</noscript><template><p>tpl</p></template>"
        "<p>Visible<span class='mgHide'> ref: 13567</span></p>"
        "<p style='display: none'>hidden</p><div hidden>also hidden</div>"
        "<!-- a comment --><p>Shown</p></body></html>"
    )
    assert html_to_text(page) == "Visible\n\nShown"


def test_entities_are_decoded_and_odd_unicode_is_kept() -> None:
    page = (
        "<p>Caf&eacute; &amp; Bar &#8211; &pound;1,000 &#x2013; O&#8217;Brien</p>"
        "<p>Cyngor Gwynedd: Pwyllgor ŵyn, ŷd &mdash; Szymańska, Ó Caomhánaigh 👍 ½</p>"
        "<p>zero\u200bwidth and \u202eRTL\u202c kept</p>"
    )
    assert html_to_text(page) == (
        "Café & Bar – £1,000 – O’Brien\n\n"
        "Cyngor Gwynedd: Pwyllgor ŵyn, ŷd — Szymańska, Ó Caomhánaigh 👍 ½\n\n"
        "zero\u200bwidth and \u202eRTL\u202c kept"
    )


def test_non_breaking_spaces_read_as_spaces_but_are_not_collapsed() -> None:
    # Word's bullet: a Symbol-font "·" then a run of &nbsp;, kept as printed.
    page = (
        '<p class="MsoListParagraph"><span style="font-family:Symbol">&middot;'
        '<span style="font:7.0pt">&nbsp;&nbsp;&nbsp;&nbsp; </span></span>Budget</p>'
        "<p>&nbsp;</p><p>Next</p>"
    )
    assert html_to_text(page) == "·     Budget\n\nNext"


def test_preformatted_text_keeps_its_lines_and_spaces() -> None:
    assert html_to_text("<p>Vote:</p><pre>For      7\nAgainst  2</pre>") == (
        "Vote:\n\nFor      7\nAgainst  2"
    )


def test_private_use_characters_in_a_page_do_not_disturb_layout() -> None:
    assert html_to_text("<p>a\ue000b\ue001c</p><p>d</p>") == "a\ufffdb\ufffdc\n\nd"


@pytest.mark.parametrize(
    ("page", "text"),
    [
        # Inline elements join words; source line breaks are spaces.
        (
            "<p>Council<b>lor</b> <i>Smith</i> and&nbsp;<span>Cllr</span>\n<span>Jones</span></p>",
            "Councillor Smith and Cllr Jones",
        ),
        # A trailing <br> adds no blank line of its own.
        ("<p>text<br></p><p>next</p>", "text\n\nnext"),
        # Unclosed paragraphs close where a browser closes them.
        ("<p>one<p>two<div>three</div>four", "one\n\ntwo\n\nthree\nfour"),
        (
            "<table><tr><td>Outer<table><tr><td>a</td><td>b</td></tr></table></td><td>c</td></tr>"
            "</table>",
            "Outer\n\na\tb\n\nc",
        ),
        ("<dl><dt>Present:</dt><dd>Councillor A</dd></dl>", "Present:\nCouncillor A"),
        ("<span>inline</span><div>block</div><span>tail</span>", "inline\nblock\ntail"),
        ("<p>RESOLVED &ndash; <br/>\n (a) that</p>", "RESOLVED –\n(a) that"),
        ("<ul><li>One<br>continued</li></ul>", "• One\ncontinued"),
        (
            "<h3>Minutes:</h3>The Committee noted the report.",
            "Minutes:\n\nThe Committee noted the report.",
        ),
    ],
)
def test_tricky_markup(page: str, text: str) -> None:
    assert html_to_text(page) == text


def test_empty_and_whitespace_pages_give_empty_text() -> None:
    assert html_to_text("") == ""
    assert html_to_text("<html><body> \n <p> </p></body></html>") == ""


paragraph = st.lists(
    st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "S"]), min_size=1),
    min_size=1,
    max_size=8,
).map(" ".join)


@given(st.lists(paragraph, min_size=1, max_size=6))
def test_paragraphs_come_back_one_per_blank_line(paragraphs: list[str]) -> None:
    page = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    expected = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    got = html_to_text(page)
    # Private-use characters are our markers and are replaced on the way in.
    expected = "".join("\ufffd" if "\ue000" <= c <= "\ue009" else c for c in expected)
    assert got == expected.replace("\xa0", " ")


# --- decoding ------------------------------------------------------------------


def test_decode_prefers_valid_utf8_then_the_declared_charset() -> None:
    assert decode_html("<p>Café</p>".encode()) == "<p>Café</p>"
    cp1252 = '<meta charset="windows-1252"><p>O\x92Brien \xa3</p>'.encode("latin-1")
    assert decode_html(cp1252).endswith("O’Brien £</p>")
    # Browsers read a Latin-1 label as Windows-1252 (0x92 is a curly quote there).
    latin = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\x92'
    assert decode_html(latin).endswith("’")
    assert decode_html(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"
    assert decode_html("<p>ŵ</p>".encode("utf-16")) == "<p>ŵ</p>"


# --- ModernGov pages -----------------------------------------------------------


def test_agenda_item_page_keeps_only_the_content_area() -> None:
    doc = convert(read("mgai_item.html"), source="mgai_item.html", url=SITE + "mgAi.aspx?ID=41872")
    assert doc.format == "html"
    assert doc.text.startswith("Agenda item\n\nAttendance of the Portfolio Holder")
    for chrome in (
        "Skip to main content",
        "Bins and recycling",
        "Council and democracy >",
        "Share this",
        "cookies",
        "RSS feed",
        "Find out more about this issue",
        "Civic Centre, Wexcombe",
        "document.write",
        "$ModernGov",
        "this script is not minutes",
    ):
        assert chrome not in doc.text
    assert "Children’s Services" in doc.text


def test_agenda_item_page_is_one_section_with_its_number_and_documents() -> None:
    doc = html_document(read("mgai_item.html"), source="x", url=SITE + "mgAi.aspx?ID=41872")
    assert doc.title == "Attendance of the Portfolio Holder for Children's Services (Lead Member)"
    assert doc.sections is not None and len(doc.sections) == 1
    section = doc.sections[0]
    assert (section.number, section.title) == ("7", doc.title)
    assert section.text.startswith("Meeting: 12/03/2024 - Children and Young People")
    assert section.text in doc.text
    assert "·        School transport – concern was raised" in section.text
    assert "(a)   noted the report; and\n\n(b)   thanked" in section.text
    expected_docs = [
        SupportingDocument(
            "Lead Member Annual Report",
            SITE + "documents/s58213/Lead%20Member%20Annual%20Report.pdf",
        ),
        SupportingDocument(
            "Appendix A – Ofsted focused visit letter", SITE + "mgConvert2PDF.aspx?ID=58214&ISATT=1"
        ),
    ]
    assert section.documents == expected_docs
    assert doc.documents == expected_docs
    # The page names its meeting in prose only: extraction reads committee and date.
    assert (doc.committee, doc.date) == (None, None)


def test_agenda_item_page_with_the_meeting_line_as_subtitle() -> None:
    page = (
        b'<div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>'
        b'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Meeting&#58; 02&#47;01&#47;2024 - '
        b"Cabinet (Item 12)</h2></div><div class='mgContent'><p class='mgAiTitleTxt'>Budget "
        b"monitoring</p><p class='mgSubItemTitleTxt'>Minutes&#58;</p><div class='mgWordPara'>"
        b"<p>RESOLVED that the report be noted.</p></div></div></div>"
    )
    doc = html_document(page, source="item.html")
    assert doc.title == "Budget monitoring"
    assert doc.sections is not None
    assert [(s.number, s.title, s.text) for s in doc.sections] == [
        ("12", "Budget monitoring", "Minutes:\n\nRESOLVED that the report be noted.")
    ]


def test_meeting_page_items_become_sections() -> None:
    doc = html_document(
        read("ielistdocuments_meeting.html"), source="x", url=SITE + "ieListDocuments.aspx?MId=3120"
    )
    assert doc.title == "Licensing Committee - Tuesday, 5th March, 2024 7.00 pm"
    assert (doc.committee, doc.date) == ("Licensing Committee", dt.date(2024, 3, 5))
    assert doc.sections is not None
    assert [(s.number, s.title) for s in doc.sections] == [
        ("41", "Apologies for Absence"),
        ("42", "Declarations of Interest"),
        ("43", "Minutes of the Previous Meeting"),
        ("44", "Review of Premises Licence – The Crown, 3 Market Street"),
    ]
    for section in doc.sections:
        assert section.text in doc.text
        assert "Minutes:" in section.text
    apologies, _, minutes, review = doc.sections
    assert apologies.text == (
        "Minutes:\n\nApologies for absence were received from Councillors Abernethy and Quist."
        " Councillor Ferreira-Dunn attended as substitute for Councillor Quist."
    )
    assert apologies.documents == []
    assert [d.title for d in minutes.documents] == ["Minutes of the Previous Meeting"]
    assert [d.title for d in review.documents] == [
        "Review of Premises Licence – The Crown, 3 Market Street",
        "Appendix A – Police representation",
        "Appendix B – Plan of premises",
    ]
    assert "For:\tCouncillors Brandt, Ellison, Ferreira-Dunn and Tomlinson (4)\n" in review.text
    assert review.text.endswith(
        "RESOLVED that:\n\na. the premises licence be modified by adding the conditions at "
        "Appendix C;\nb. the Designated Premises Supervisor be removed; and\n"
        "c. the Head of Regulatory Services report back to the Committee in six months."
    )
    # The printed minutes sit in the page's action links: a document, not text.
    assert doc.documents[0] == SupportingDocument(
        "Printed minutes",
        SITE + "documents/g3120/Printed%20minutes%2005th-Mar-2024%2019.00%20Licensing%20"
        "Committee.pdf?T=1",
    )
    assert "Printed minutes" not in doc.text and "Meeting details" not in doc.text


def test_issue_and_decision_pages_keep_title_and_documents_without_sections() -> None:
    issue = html_document(read("ieissuedetails.html"), source="ieIssueDetails.aspx?IId=5")
    assert issue.title == "Tree Preservation Orders: annual review"
    assert issue.sections is None
    # Without the page's URL, links stay as the page wrote them.
    assert issue.documents == [
        SupportingDocument(
            "Tree Preservation Orders: annual review", "documents/s48811/TPO%20annual%20review.pdf"
        )
    ]
    decision = html_document(
        read("iedecisiondetails.html"), source="x", url=SITE + "ieDecisionDetails.aspx?ID=901"
    )
    assert decision.title == "Household Support Fund: round five"
    assert decision.sections is None
    assert "Decision Maker: Cabinet Member for Communities\n\nDecision status: Implemented" in (
        decision.text
    )
    assert [(d.title, d.url) for d in decision.documents] == [
        ("HSF5 decision report", SITE + "documents/s70311/HSF5%20decision%20report.pdf"),
        (
            "Equality impact assessment",
            SITE + "documents/s70312/Equality%20impact%20assessment.docx",
        ),
    ]


def test_printed_minutes_from_word_keep_their_bullets_and_characters() -> None:
    doc = convert_file(FIXTURES / "printed_minutes.htm")
    assert doc.title == "Cabinet minutes 14 November 2023"
    assert doc.sections is None
    lines = doc.text.split("\n")
    assert lines[:3] == ["WEXCOMBE BOROUGH COUNCIL", "", "CABINET"]
    assert (
        "Present:\tCouncillor Rosalind Achebe (Leader, in the Chair), Councillors Dorrington,"
        " Fairweather, O’Sullivan and Szymańska" in lines
    )
    assert "·         temporary accommodation, up 38% on last year;" in lines
    assert "a budget gap of £2.4m in 2024/25" in doc.text
    assert "58.             APOLOGIES FOR ABSENCE" in lines
    assert "\r" not in doc.text


def test_council_is_taken_from_dublin_core_metadata() -> None:
    page = (
        b'<html><head><meta name="DC.publisher" content="Wexcombe Borough Council"></head><body>'
        b'<div class="councilBanner">Wexcombe Borough Council</div><div id="modgov">'
        b"<p>RESOLVED that the report be noted.</p></div></body></html>"
    )
    doc = html_document(page, source="x.html")
    assert doc.council == "Wexcombe Borough Council"
    assert doc.text == "RESOLVED that the report be noted."


def test_base_url_comes_from_the_page_when_none_is_given() -> None:
    page = (
        b'<head><base href="https://democracy.example.gov.uk/"></head><body><div id="modgov">'
        b'<div class="mgContent"><p>Minutes:</p><ul class="mgBulletList"><li>'
        b'<a href="documents/s1/Report.pdf#page=2">Report <span class="mgFileSize">PDF 1 MB'
        b"</span></a></li></ul></div></div></body>"
    )
    doc = html_document(page, source="saved.html")
    assert doc.url == "https://democracy.example.gov.uk/"
    assert doc.documents == [
        SupportingDocument("Report", "https://democracy.example.gov.uk/documents/s1/Report.pdf")
    ]


def test_real_decision_details_fragment() -> None:
    data = shared(MODERNGOV / "ieDecisionDetails_modgov_fragment_LGSF.html")
    doc = html_document(data, source="d.html", url="https://democracy.example.gov.uk/x/y.aspx")
    assert doc.title == "Minutes of Previous Meeting"
    assert "Decision status: Recommendations Approved" in doc.text
    assert "Find out more about this issue" not in doc.text
    assert doc.documents == [
        SupportingDocument(
            "polc2 - 23.09.2015",
            "https://democracy.example.gov.uk/x/documents/s7942/polc2%20-%2023.09.2015.pdf",
        )
    ]


def test_real_search_results_page_drops_frame_and_hidden_text() -> None:
    data = shared(MODERNGOV / "ieSearchResults2_kirklees_Jonfuk-SectorTrace.html")
    doc = html_document(data, source="s.html", url="https://democracy.kirklees.gov.uk/x.aspx")
    assert doc.text.startswith("Search results\n\nResults 1 to 10 for your search")
    assert "Result Pages: 1 2 Next" in doc.text
    for absent in ("Calendar of meetings", "Common_DocumentReady", "(current page)", "$ModernGov"):
        assert absent not in doc.text
    assert [d.title for d in doc.documents][:2] == [
        "Appendix C - Objection 3 (7.1)",
        "BBBC11011141562S (8)",
    ]
    assert (
        doc.documents[0].url
        == "https://democracy.kirklees.gov.uk/mgConvert2PDF.aspx?ID=49857&ISATT=1"
    )


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_text(path: Path) -> None:
    """The whole converted text of each fixture, as reviewed."""
    expected_path = path.with_suffix(".expected.txt")
    text = convert_file(path, url=SITE + _page_name(path)).text + "\n"
    if os.environ.get("MINUTEBOOK_REGENERATE"):
        expected_path.write_text(text, encoding="utf-8")
    assert text == expected_path.read_text(encoding="utf-8")


def _page_name(path: Path) -> str:
    names = {"mgai": "mgAi.aspx?ID=1", "ielistdocuments": "ieListDocuments.aspx?MId=1"}
    return next((v for k, v in names.items() if path.stem.startswith(k)), path.name)


# --- ModernGov XML -------------------------------------------------------------


def test_getmeeting_gives_sections_attendees_committee_and_date() -> None:
    doc = xml_document(read("getmeeting_minutes.xml"), source="m.xml")
    assert doc.format == "xml"
    assert (doc.committee, doc.date) == ("Licensing Committee", dt.date(2024, 3, 5))
    assert doc.url == SITE + "ieListDocuments.aspx?MId=3120"
    assert doc.attendees == [
        Attendee("Eleanor Brandt", "Chair"),
        Attendee("Tomasz Ellison", "Committee Member"),
        Attendee("Luis Ferreira-Dunn", "Committee Member"),
    ]
    assert "Apologies: Councillor Joyce Abernethy (Vice-Chair)\n" in doc.text
    assert doc.sections is not None
    assert [(s.number, s.title) for s in doc.sections] == [
        ("41", "Apologies for Absence"),
        # Titles the service double-encodes come back as printed.
        ("44", "Review of Premises Licence – The Crown's Yard"),
        ("45a", "Exclusion of the Press and Public"),
    ]
    for section in doc.sections:
        assert section.text in doc.text
    review = doc.sections[1]
    assert review.text.startswith(
        "Report of the Head of Regulatory Services.\n\nDecision:\n\nRESOLVED that the premises"
    )
    assert "Minutes:\n\nThe Senior Licensing Officer" in review.text
    assert "·      CCTV – Members asked how long recordings were kept." in review.text
    assert [d.url for d in review.documents] == [
        SITE + "mgConvert2PDF.aspx?ID=61010",
        SITE + "mgConvert2PDF.aspx?ID=61011",
    ]
    assert doc.documents == review.documents


def test_soap_envelope_reads_like_the_bare_response() -> None:
    bare = xml_document(read("getmeeting_minutes.xml"), source="m.xml")
    soap = xml_document(read("getmeeting_soap.xml"), source="m.xml")
    assert soap == bare


def test_real_getmeeting_response() -> None:
    doc = convert(shared(MODERNGOV / "GetMeeting_with_minutes_LGSF.xml"), source="g.xml")
    assert doc.format == "xml"
    assert (doc.committee, doc.date) == ("Audit Committee", dt.date(2026, 2, 10))
    assert doc.sections is not None
    # agendaitemnumber (4, 12) is internal ordering; the printed numbers are 1 and 9.
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "Minutes"),
        ("9", "Work Programme"),
    ]
    assert doc.sections[1].text.endswith("for the remainder of 2025/26 municipal year.")
    assert doc.attendees == [Attendee("Basil Curley", "Committee Member")]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "GetMeeting_cancelled_no_minutes_LGSF.xml",
            "ModernGov meeting that was cancelled: no minutes",
        ),
        (
            "GetMeetings_LGSF.xml",
            "ModernGov XML holding a list of meetings (GetMeetings), not minutes",
        ),
        (
            "GetCommittees_LGSF.xml",
            "ModernGov XML holding a list of committees (GetCommittees), not minutes",
        ),
    ],
)
def test_real_service_responses_without_minutes_are_refused(name: str, reason: str) -> None:
    with pytest.raises(NotMinutes) as caught:
        convert(shared(MODERNGOV / name), source=name)
    assert caught.value.reason == reason


def test_own_list_responses_are_refused() -> None:
    committees = (
        b"<committees><committeescount>1</committeescount><committee>"
        b"<committeeid>7</committeeid><committeetitle>Cabinet</committeetitle></committee></committees>"
    )
    with pytest.raises(NotMinutes, match="list of committees"):
        xml_document(committees, source="c.xml")
    empty = b"<meeting><meetingstatus>Confirmed</meetingstatus><agendaitems/></meeting>"
    with pytest.raises(NotMinutes, match="has no agenda items"):
        xml_document(empty, source="e.xml")


def test_agenda_not_yet_minuted_keeps_its_items() -> None:
    data = (
        b"<meeting><meetingdate>01/02/2024</meetingdate><agendaitems><agendaitem>"
        b"<agendaitemtitle>Budget 2024/25</agendaitemtitle>"
        b"<fulldisplaynumberformat>3.</fulldisplaynumberformat></agendaitem></agendaitems></meeting>"
    )
    doc = convert(data, source="agenda.xml")
    assert doc.text == "Thursday, 1 February 2024\n\nItems\n\n3.\n\nBudget 2024/25"
    assert doc.sections is not None
    assert [(s.number, s.title, s.text) for s in doc.sections] == [("3", "Budget 2024/25", "")]
    assert (doc.committee, doc.url, doc.attendees) == (None, None, [])


def test_malformed_and_unknown_xml() -> None:
    with pytest.raises(InputError) as caught:
        xml_document(b"<?xml version='1.0'?>\n<meeting>\n<agendaitems>\n</meeting>", source="b.xml")
    assert caught.value.one_line().startswith("Error: b.xml: malformed XML at line 4: ")
    with pytest.raises(UnsupportedFormat, match=r"XML <rss> is not a ModernGov GetMeeting"):
        xml_document(b"<rss><channel><title>News</title></channel></rss>", source="r.xml")


def test_xml_entities_from_outside_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE meeting [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<meeting><agendaitems><agendaitem><agendaitemtitle>A &x; B</agendaitemtitle>"
        "<minutesnonemptyhtmlbody>&lt;p&gt;RESOLVED that the report be noted.&lt;/p&gt;"
        "</minutesnonemptyhtmlbody></agendaitem></agendaitems></meeting>"
    ).encode()
    doc = xml_document(data, source="x.xml")
    assert "TOP SECRET" not in doc.text


# --- PDF -----------------------------------------------------------------------


def test_pdf_text_keeps_lines_and_hyphens_and_drops_running_heads() -> None:
    data = text_pdf(
        [
            [
                "WEXCOMBE BOROUGH COUNCIL",
                "Minutes of the meeting of the Cabinet held on 4 March 2024",
                "The Portfolio Holder for Children’s Services · £1,000 – intro-",
                "duced the report.",
            ],
            ["12. Budget", "RESOLVED that the report be noted."],
            ["13. Close", "The meeting closed at 8.04 pm."],
        ],
        header="Cabinet - 4 March 2024",
        footer="Page {page} of {pages}",
    )
    doc = pdf_document(data, source="m.pdf", url="https://example.gov.uk/m.pdf")
    assert doc.format == "pdf" and doc.url == "https://example.gov.uk/m.pdf"
    assert doc.text == (
        "WEXCOMBE BOROUGH COUNCIL\n"
        "Minutes of the meeting of the Cabinet held on 4 March 2024\n"
        "The Portfolio Holder for Children’s Services · £1,000 – intro-\n"
        "duced the report.\n\n"
        "12. Budget\nRESOLVED that the report be noted.\n\n"
        "13. Close\nThe meeting closed at 8.04 pm."
    )


def test_pdf_bare_page_numbers_go_but_a_single_page_keeps_its_text() -> None:
    pages = [["Minutes", f"{n}. Item {n}", "The Committee noted the report."] for n in (1, 2)]
    doc = pdf_document(text_pdf(pages, footer="{page}"), source="m.pdf")
    assert doc.text.split("\n") == [
        "Minutes",
        "1. Item 1",
        "The Committee noted the report.",
        "",
        "Minutes",
        "2. Item 2",
        "The Committee noted the report.",
    ]
    one = pdf_document(
        text_pdf([["Minutes", "RESOLVED"]], header="Licensing Committee"), source="o"
    )
    # A header seen on one page only is not known to repeat: it stays.
    assert one.text == "Minutes\nRESOLVED\nLicensing Committee"


def test_scanned_encrypted_and_corrupt_pdfs() -> None:
    with pytest.raises(NoTextLayer) as caught:
        pdf_document(scanned_pdf(), source="scan.pdf")
    assert caught.value.one_line() == "Error: scan.pdf: no text layer (scanned images?)"
    with pytest.raises(InputError) as caught:
        pdf_document(encrypted_pdf(), source="locked.pdf")
    assert caught.value.one_line() == "Error: locked.pdf: encrypted PDF (needs a password)"
    good = text_pdf([["Minutes", "RESOLVED that the report be noted."]])
    for broken in (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj <<>> garbage", good[: len(good) // 3]):
        with pytest.raises(InputError) as caught:
            pdf_document(broken, source="bad.pdf")
        assert caught.value.one_line().startswith("Error: bad.pdf: corrupt or truncated PDF (")


# --- the guard -----------------------------------------------------------------


def test_all_real_dev_minutes_are_accepted() -> None:
    cases = sorted(DEV.glob("*.txt")) if DEV.exists() else []
    if not cases:
        pytest.skip(f"{DEV} not present")
    assert len(cases) == 60
    refused = [p.name for p in cases if minutes_signal(p.read_text(encoding="utf-8")) is None]
    assert refused == []
    for path in cases:
        doc = convert_file(path)
        ensure_minutes(doc)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("council_home.html", "not minutes: no sign of minutes or council business"),
        ("login.html", "not minutes: a login page"),
        ("not_found.html", "not minutes: an error page ('Page not found')"),
    ],
)
def test_pages_that_are_not_minutes_are_refused(name: str, reason: str) -> None:
    with pytest.raises(NotMinutes) as caught:
        convert_file(FIXTURES / name)
    assert caught.value.reason == reason
    assert caught.value.source == str(FIXTURES / name)


@pytest.mark.parametrize(
    "text",
    [
        "Minutes\n\n12. Apologies\n",
        "Cabinet - Tuesday, 4th March, 2024\n\nMinutes\n\n1. Budget\n",
        "Item 5 Budget\nCouncillor Smith presented the report.",
        "Present: Councillors A and B",
        "Sederunt: Provost Scoullar",
        "The Panel considered a report on taxi licensing.",
    ],
)
def test_short_minutes_are_accepted(text: str) -> None:
    ensure_minutes(DocumentText(text=text, format="text", source="t.txt"))


# --- detection and dispatch ----------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"<!DOCTYPE html>\n<html>", "html"),
        (b"\n  <html xmlns:v='urn:schemas-microsoft-com:vml'>", "html"),
        (b"<?xml version='1.0'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0'>\n<html>", "html"),
        (b"<!-- saved page --><div id='modgov'>", "html"),
        (b"<ul class='mgBulletList'><li>", "html"),
        (b"<?xml version='1.0' encoding='utf-8'?>\n<meeting>", "xml"),
        (b"<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'>", "xml"),
        (b"Minutes of the meeting\n\nRESOLVED", "text"),
        (b"Caf\xe9 minutes in Windows-1252", "text"),
    ],
)
def test_detect_format(head: bytes, kind: str) -> None:
    assert detect_format(head) == kind


def test_detect_refuses_binary_and_uses_hints() -> None:
    with pytest.raises(UnsupportedFormat, match="binary file"):
        detect_format(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", source="logo.png")
    assert detect_format(b"Minutes <b>x</b>", media_type="text/html; charset=utf-8") == "html"
    assert detect_format(b"Minutes <b>x</b>", source="minutes.htm") == "html"
    assert detect_format(b"anything", media_type="application/pdf") == "pdf"


def test_convert_dispatches_every_format_and_guards_each() -> None:
    assert convert(read("getmeeting_minutes.xml"), source="m.xml").format == "xml"
    pdf = text_pdf([["Minutes", "RESOLVED that the report be noted."]])
    assert convert(pdf, source="m.pdf").format == "pdf"
    assert convert(b"<p>RESOLVED that it be noted.</p>", source="m.html").format == "html"
    with pytest.raises(NotMinutes):
        convert(text_pdf([["Quarterly newsletter", "Spring edition"]]), source="n.pdf")
    with pytest.raises(NotMinutes):
        convert(b"Shopping list: eggs, milk", source="n.txt")
    with pytest.raises(EmptyDocument, match="empty file"):
        convert(b" \n\t", source="blank.txt")
    with pytest.raises(EmptyDocument, match="no text in the HTML page"):
        convert(b"<html><body><script>x()</script></body></html>", source="s.html")


def test_convert_file_reports_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as caught:
        convert_file(tmp_path / "missing.html")
    assert caught.value.reason == "no such file"
    with pytest.raises(UnreadableFile) as caught:
        convert_file(tmp_path)
    assert caught.value.reason == "is a directory"

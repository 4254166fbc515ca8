"""The renderer's output, exactly, for a small fixed meeting in each house style.

The expected pages below were read and checked by eye as minutes a clerk
would publish; a change to any phrasing shows here first. Regenerate them
deliberately (render the fixture and paste) when a phrasing changes on purpose.
"""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from minutebook.models import (
    Apology,
    Attendee,
    Decision,
    Item,
    Meeting,
    RecordedVote,
    SupportingDocument,
    Topic,
    Undertaking,
)
from minutebook.render import STYLES, render_html, render_text
from strategies import random_meeting


def fixed_meeting() -> Meeting:
    """Two items: apologies, then a Portfolio Holder's attendance with every kind of fact."""
    return Meeting(
        council="Eastmarsh Borough Council",
        committee="Children and Young People Overview and Scrutiny Committee",
        date=dt.date(2022, 3, 15),
        items=[
            Item("77", "Apologies for absence",
                 apologies=[Apology("Bailey"), Apology("Bennett-Wake")]),
            Item(
                "78",
                "Attendance of the Portfolio Holder for Children's Services",
                documents=[SupportingDocument("Report", "documents/s1001/Report.pdf")],
                attendees=[Attendee("Adam Price", "Portfolio Holder for Children's Services")],
                topics=[
                    Topic("Youth Justice", "concern was raised about reoffending rates. "
                          "The Portfolio Holder said that a new plan was in place."),
                    Topic("Adoption", "it was asked how long families waited for a match."),
                ],
                undertakings=[
                    Undertaking("Portfolio Holder", "report back on adoption waiting times"),
                ],
                decisions=[
                    Decision("noted", "the report be noted"),
                    Decision("recommended",
                             "Cabinet be recommended to adopt the Youth Justice Plan"),
                ],
                recorded_votes=[RecordedVote(["Howe", "J. D. Stanley"], "against", "12.6")],
            ),
        ],
    )


def one_item_meeting() -> Meeting:
    meeting = fixed_meeting()
    meeting.items = meeting.items[1:]
    return meeting


MODGOV_TEXT = """\
Eastmarsh Borough Council

Agenda and minutes

Children and Young People Overview and Scrutiny Committee - Tuesday, 15th March, 2022

Items

77.

Apologies for absence

Minutes:

Apologies for absence were received from Councillors Bailey and Bennett-Wake.

78.

Attendance of the Portfolio Holder for Children's Services

Minutes:

Councillor Adam Price, Portfolio Holder for Children's Services, was in attendance.

Members asked questions and made comments, which included:

·  Youth Justice – concern was raised about reoffending rates. The Portfolio Holder said that a new plan was in place.
·  Adoption – it was asked how long families waited for a match.

The Portfolio Holder confirmed that officers would report back on adoption waiting times.

RESOLVED that:
(a) the report be noted; and
(b) Cabinet be recommended to adopt the Youth Justice Plan.

In accordance with Council Procedure Rule 12.6, Councillors Howe and J. D. Stanley requested that their votes against be recorded.
"""  # noqa: E501

AGENDA_ITEM_TEXT = """\
Eastmarsh Borough Council

Agenda item

Meeting: 15/03/2022 - Children and Young People Overview and Scrutiny Committee (Item 78)

Attendance of the Portfolio Holder for Children's Services

Minutes:

Councillor Adam Price, Portfolio Holder for Children's Services, was in attendance.

Members asked questions and made comments, which included:

·  Youth Justice – concern was raised about reoffending rates. The Portfolio Holder said that a new plan was in place.
·  Adoption – it was asked how long families waited for a match.

The Portfolio Holder confirmed that officers would report back on adoption waiting times.

RESOLVED that:
(a) the report be noted; and
(b) Cabinet be recommended to adopt the Youth Justice Plan.

In accordance with Council Procedure Rule 12.6, Councillors Howe and J. D. Stanley requested that their votes against be recorded.

Supporting documents:

·  Report
"""  # noqa: E501

NUMBERED_TEXT = """\
Eastmarsh Borough Council

Children and Young People Overview and Scrutiny Committee - Tuesday, 15th March, 2022 7.30 pm

Minutes

77. Apologies for absence

77.1 Apologies for absence were received from Councillors Bailey and Bennett-Wake.

78. Attendance of the Portfolio Holder for Children's Services

78.1 Councillor Adam Price, Portfolio Holder for Children's Services, was in attendance.

78.2 Members asked questions and made comments, which included:

78.3 Youth Justice – concern was raised about reoffending rates. The Portfolio Holder said that a new plan was in place.

78.4 Adoption – it was asked how long families waited for a match.

78.5 The Portfolio Holder confirmed that officers would report back on adoption waiting times.

RESOLVED that:
(a) the report be noted; and
(b) Cabinet be recommended to adopt the Youth Justice Plan.

78.6 In accordance with Council Procedure Rule 12.6, Councillors Howe and J. D. Stanley requested that their votes against be recorded.
"""  # noqa: E501

MODGOV_HTML = """\
<!DOCTYPE html>
<html lang="en"><!-- Modern.gov Reverse CMS -->
<head>
<meta charset="utf-8">
<title>Agenda and minutes - Children and Young People Overview and Scrutiny Committee - Eastmarsh Borough Council</title>
<meta name="DC.title" content="Agenda and minutes - Children and Young People Overview and Scrutiny Committee - Eastmarsh Borough Council">
<meta name="DC.publisher" content="Eastmarsh Borough Council">
<meta name="DC.date" scheme="W3CDTF" content="2022-03-15">
</head>
<body>
<div class="councilBanner"><p class="councilName">Eastmarsh Borough Council</p></div>
<div id="modgov">
<div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda and minutes</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Children and Young People Overview and Scrutiny Committee - Tuesday, 15th March, 2022</h2></div>
<div class="mgContent">
<table class="mgItemTable" summary="Items">
<tr><th>No.</th><th>Item</th></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">77.</p></td><td><p class="mgAiTitleTxt">Apologies for absence</p>
<p class="mgSubItemTitleTxt">Minutes&#58;</p>
<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal">Apologies for absence were received from Councillors Bailey and Bennett-Wake.</p>
</div></div></td></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">78.</p></td><td><p class="mgAiTitleTxt"><a class="mgAiTitleLnk" href="documents/s1001/Report.pdf">Attendance of the Portfolio Holder for Children&#x27;s Services</a></p>
<p class="mgSubItemTitleTxt">Minutes&#58;</p>
<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal">Councillor Adam Price, Portfolio Holder for Children&#x27;s Services, was in attendance.</p>
<p class="MsoNormal">Members asked questions and made comments, which included:</p>
<p class="MsoListParagraph" style="margin-left:36.0pt;text-indent:-18.0pt"><span style="font-family:Symbol">·</span><span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>Youth Justice – concern was raised about reoffending rates. The Portfolio Holder said that a new plan was in place.</p>
<p class="MsoListParagraph" style="margin-left:36.0pt;text-indent:-18.0pt"><span style="font-family:Symbol">·</span><span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>Adoption – it was asked how long families waited for a match.</p>
<p class="MsoNormal">The Portfolio Holder confirmed that officers would report back on adoption waiting times.</p>
<p class="MsoNormal"><b>RESOLVED</b> that:</p>
<p class="MsoNormal" style="margin-left:36.0pt">(a) the report be noted; and</p>
<p class="MsoNormal" style="margin-left:36.0pt">(b) Cabinet be recommended to adopt the Youth Justice Plan.</p>
<p class="MsoNormal">In accordance with Council Procedure Rule 12.6, Councillors Howe and J. D. Stanley requested that their votes against be recorded.</p>
</div></div></td></tr>
</table>
</div>
<div class="mgFooter"></div>
</div>
</body>
</html>
"""  # noqa: E501

AGENDA_ITEM_HTML = """\
<!DOCTYPE html>
<html lang="en"><!-- Modern.gov Reverse CMS -->
<head>
<meta charset="utf-8">
<title>Agenda item - Attendance of the Portfolio Holder for Children&#x27;s Services - Children and Young People Overview and Scrutiny Committee - Eastmarsh Borough Council</title>
<meta name="DC.title" content="Agenda item - Attendance of the Portfolio Holder for Children&#x27;s Services - Children and Young People Overview and Scrutiny Committee - Eastmarsh Borough Council">
<meta name="DC.publisher" content="Eastmarsh Borough Council">
<meta name="DC.date" scheme="W3CDTF" content="2022-03-15">
</head>
<body>
<div class="councilBanner"><p class="councilName">Eastmarsh Borough Council</p></div>
<div id="modgov">
<div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Meeting&#58; 15&#47;03&#47;2022 - Children and Young People Overview and Scrutiny Committee (Item 78)</h2></div>
<div class="mgContent">
<p class="mgAiTitleTxt">Attendance of the Portfolio Holder for Children&#x27;s Services</p>
<p class="mgSubItemTitleTxt">Minutes&#58;</p>
<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal">Councillor Adam Price, Portfolio Holder for Children&#x27;s Services, was in attendance.</p>
<p class="MsoNormal">Members asked questions and made comments, which included:</p>
<p class="MsoListParagraph" style="margin-left:36.0pt;text-indent:-18.0pt"><span style="font-family:Symbol">·</span><span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>Youth Justice – concern was raised about reoffending rates. The Portfolio Holder said that a new plan was in place.</p>
<p class="MsoListParagraph" style="margin-left:36.0pt;text-indent:-18.0pt"><span style="font-family:Symbol">·</span><span style="font:7.0pt &quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>Adoption – it was asked how long families waited for a match.</p>
<p class="MsoNormal">The Portfolio Holder confirmed that officers would report back on adoption waiting times.</p>
<p class="MsoNormal"><b>RESOLVED</b> that:</p>
<p class="MsoNormal" style="margin-left:36.0pt">(a) the report be noted; and</p>
<p class="MsoNormal" style="margin-left:36.0pt">(b) Cabinet be recommended to adopt the Youth Justice Plan.</p>
<p class="MsoNormal">In accordance with Council Procedure Rule 12.6, Councillors Howe and J. D. Stanley requested that their votes against be recorded.</p>
</div></div>
<p class="mgSubItemTitleTxt">Supporting documents&#58;</p>
<ul class="mgBulletList"><li><a href="documents/s1001/Report.pdf" title="Link to document Report">Report</a></li></ul>
</div>
<div class="mgFooter"></div>
</div>
</body>
</html>
"""  # noqa: E501

NUMBERED_HTML = """\
<!DOCTYPE html>
<html lang="en"><!-- Modern.gov Reverse CMS -->
<head>
<meta charset="utf-8">
<title>Minutes - Children and Young People Overview and Scrutiny Committee - Eastmarsh Borough Council</title>
<meta name="DC.title" content="Minutes - Children and Young People Overview and Scrutiny Committee - Eastmarsh Borough Council">
<meta name="DC.publisher" content="Eastmarsh Borough Council">
<meta name="DC.date" scheme="W3CDTF" content="2022-03-15">
</head>
<body>
<div class="councilBanner"><p class="councilName">Eastmarsh Borough Council</p></div>
<div id="modgov">
<div class="mgSubTitle"><h2 class="mgSubTitleTxt">Children and Young People Overview and Scrutiny Committee - Tuesday, 15th March, 2022 7.30 pm</h2></div>
<div class="mgContent">
<p class="mgSubItemTitleTxt">Minutes</p>
<p class="mgAiTitleTxt">77. Apologies for absence</p>
<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">77.1<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>Apologies for absence were received from Councillors Bailey and Bennett-Wake.</p>
</div></div>
<p class="mgAiTitleTxt">78. Attendance of the Portfolio Holder for Children&#x27;s Services</p>
<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">78.1<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>Councillor Adam Price, Portfolio Holder for Children&#x27;s Services, was in attendance.</p>
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">78.2<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>Members asked questions and made comments, which included:</p>
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">78.3<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>Youth Justice – concern was raised about reoffending rates. The Portfolio Holder said that a new plan was in place.</p>
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">78.4<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>Adoption – it was asked how long families waited for a match.</p>
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">78.5<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>The Portfolio Holder confirmed that officers would report back on adoption waiting times.</p>
<p class="MsoNormal"><b>RESOLVED</b> that:</p>
<p class="MsoNormal" style="margin-left:36.0pt">(a) the report be noted; and</p>
<p class="MsoNormal" style="margin-left:36.0pt">(b) Cabinet be recommended to adopt the Youth Justice Plan.</p>
<p class="MsoNormal" style="margin-left:36.0pt;text-indent:-36.0pt">78.6<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>In accordance with Council Procedure Rule 12.6, Councillors Howe and J. D. Stanley requested that their votes against be recorded.</p>
</div></div>
</div>
<div class="mgFooter"></div>
</div>
</body>
</html>
"""  # noqa: E501

def test_meeting_page_text() -> None:
    assert render_text(fixed_meeting(), "modgov_item", seed=1) == MODGOV_TEXT


def test_agenda_item_page_text() -> None:
    assert render_text(one_item_meeting(), "modgov_item", seed=1) == AGENDA_ITEM_TEXT


def test_numbered_minutes_text() -> None:
    assert render_text(fixed_meeting(), "numbered", seed=1, time="7.30 pm") == NUMBERED_TEXT


def test_meeting_page_html() -> None:
    assert render_html(fixed_meeting(), "modgov_item", seed=1) == MODGOV_HTML


def test_agenda_item_page_html() -> None:
    assert render_html(one_item_meeting(), "modgov_item", seed=1) == AGENDA_ITEM_HTML


def test_numbered_minutes_html() -> None:
    assert render_html(fixed_meeting(), "numbered", seed=1, time="7.30 pm") == NUMBERED_HTML


def test_public_api_is_locked() -> None:
    import minutebook.render

    assert sorted(minutebook.render.__all__) == ["STYLES", "render_html", "render_text"]
    for name in minutebook.render.__all__:
        assert hasattr(minutebook.render, name), name


def test_styles_are_the_two_house_styles() -> None:
    assert STYLES == ("modgov_item", "numbered")


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown style 'pdf'"):
        render_text(fixed_meeting(), "pdf")


def test_same_record_renders_the_same_way() -> None:
    meeting = fixed_meeting()
    assert render_html(meeting, "numbered") == render_html(fixed_meeting(), "numbered")


def test_html_escapes_all_text() -> None:
    meeting = Meeting(council="A & B <Council>", items=[
        Item("5", "Fees & charges <2024>", topics=[Topic("<script>", "a & b \"quoted\"")],
             decisions=[Decision("noted", "the <b>report</b> be noted")]),
    ])
    page = render_html(meeting)
    assert "<script>" not in page and "<2024>" not in page and "<b>report" not in page
    assert "Fees &amp; charges &lt;2024&gt;" in page
    assert "a &amp; b &quot;quoted&quot;" in page
    title = HTMLParser(page).css_first("p.mgAiTitleTxt")
    assert title is not None and title.text() == "Fees & charges <2024>"


def test_html_has_moderngov_shapes() -> None:
    tree = HTMLParser(render_html(fixed_meeting(), "modgov_item"))
    assert tree.css_first("#modgov h2.mgSubTitleTxt") is not None
    numbers = [n.text() for n in tree.css("table.mgItemTable td.mgItemNumberCell")]
    assert numbers == ["77.", "78."]
    assert [n.text() for n in tree.css("p.mgSubItemTitleTxt")] == ["Minutes:", "Minutes:"]
    assert len(tree.css("div.mgWordPara")) == 2
    single = HTMLParser(render_html(one_item_meeting(), "modgov_item"))
    assert [a.text() for a in single.css("ul.mgBulletList a")] == ["Report"]


def _letters(text: str) -> str:
    return "".join(text.split()).replace("·", "")


@pytest.mark.parametrize("style", STYLES)
def test_html_says_what_the_text_says(style: str) -> None:
    # The two renderings differ in markup only: the same characters in the
    # same order, once spacing and bullet glyphs are set aside.
    for seed in range(20):
        meeting = random_meeting(random.Random(seed))
        body = HTMLParser(render_html(meeting, style)).body
        assert body is not None
        html_text = _letters(body.text(separator=""))
        text = _letters(render_text(meeting, style))
        if style == "modgov_item" and len(meeting.items) > 1:
            # The meeting page's "Items" caption is a table header in HTML.
            text = text.replace("Items", "No.Item", 1)
        assert html_text == text


def test_extracted_decision_text_is_not_resolved_twice() -> None:
    meeting = Meeting(items=[Item("3", "Minutes", decisions=[
        Decision("approved", "RESOLVED: That the minutes of the last meeting be approved."),
        Decision("noted", "(b) the action log be noted; and"),
    ])])
    text = render_text(meeting, "numbered")
    assert text.count("RESOLVED") == 1
    assert "(a) the minutes of the last meeting be approved; and\n" in text
    assert "(b) the action log be noted.\n" in text


def test_standalone_decision_sentences_are_printed_as_they_are() -> None:
    meeting = Meeting(items=[Item("3", "Minutes", decisions=[
        Decision("agreed", "The minutes of the meeting held on 1 March 2022 were agreed."),
    ])])
    expected = "\nThe minutes of the meeting held on 1 March 2022 were agreed.\n"
    assert expected in render_text(meeting)


def test_people_known_by_role_only_get_their_own_sentence() -> None:
    # "The Director of Public Health, Councillor A (Role)" would read as one person.
    item = Item("9", "Health update", attendees=[
        Attendee(None, "Director of Public Health"),
        Attendee("Priya Sandhu", "Cabinet Member for Public Health"),
        Attendee("Owen Gill", "Head of Commissioning"),
    ])
    text = render_text(Meeting(items=[item]), seed=3)
    assert re.search(
        r"The Director of Public Health (was|attended)[^.]*\. Councillor Priya Sandhu "
        r"\(Cabinet Member for Public Health\) and Owen Gill \(Head of Commissioning\) "
        r"were also in attendance\.", text)


def test_phrasing_varies_across_a_corpus() -> None:
    # A generated corpus must not be one sentence repeated: each construction
    # appears in several real formulations.
    shapes: dict[str, set[str]] = {"undertaking": set(), "apologies": set(), "resolved": set(),
                                   "attendance": set(), "vote": set()}
    for seed in range(300):
        meeting = random_meeting(random.Random(seed))
        text = render_text(meeting, "modgov_item")
        for item in meeting.items:
            for u in item.undertakings:
                sentence = next(s for s in re.split(r"(?<=\.) ", text.replace("\n", " "))
                                if u.action in s)
                shapes["undertaking"].add(sentence.replace(u.action, "X").replace(u.by or "", "B"))
        for line in text.splitlines():
            if line.startswith(("Apologies", "An apology")):
                shapes["apologies"].add(line.split(" Councillor")[0])
            if line.startswith("RESOLVED"):
                shapes["resolved"].add(line[:14])
            if " in attendance" in line or "attended the meeting" in line or "welcomed" in line:
                shapes["attendance"].add(re.sub(r"[A-Z][^,(]*", "N", line)[-40:])
            if "be recorded" in line:
                shapes["vote"].add("rule-first" if line.startswith("In accordance") else
                                   "rule-last" if "in accordance" in line else "no-rule")
    assert {k: len(v) >= 3 for k, v in shapes.items()} == {k: True for k in shapes}

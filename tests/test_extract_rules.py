"""Single rules of extraction, each on the shortest minutes that show it."""

from __future__ import annotations

from minutebook.convert import convert
from minutebook.extract import extract
from minutebook.models import Meeting


def _extract(text: str) -> Meeting:
    return extract(convert(text.encode(), source="rule.txt"))


def test_inline_resolution_sub_points_are_separate_decisions() -> None:
    item = _extract(
        "Agenda item\n\nBudget\n\nMinutes:\n\n"
        "RESOLVED – (1) That the report be noted; (2) That a further report be brought to the "
        "March meeting.\n"
    ).items[0]
    assert [(d.kind, d.text) for d in item.decisions] == [
        ("noted", "That the report be noted;"),
        ("agreed", "That a further report be brought to the March meeting."),
    ]
    span = item.decisions[1].span
    assert span is not None and item.text[span.start : span.end].startswith("That a further")


def test_a_cut_off_resolution_gives_no_decision() -> None:
    item = _extract("Agenda item\n\nBudget\n\nMinutes:\n\nRESOLVED th").items[0]
    assert item.decisions == []


def test_a_chair_is_not_an_attendee_but_an_answering_officer_is() -> None:
    item = _extract(
        "Agenda item\n\nBudget\n\nMinutes:\n\n"
        "The Chair welcomed everyone. Councillor Hughes asked about reserves. "
        "The Chief Finance Officer responded that reserves stood at £12m.\n"
    ).items[0]
    assert [(a.name, a.role) for a in item.attendees] == [(None, "Chief Finance Officer")]


def test_the_speaker_gives_a_promise_reported_in_their_words() -> None:
    item = _extract(
        "Agenda item\n\nBudget\n\nMinutes:\n\n"
        "The Portfolio Holder said that she would circulate the savings plan to Members.\n"
    ).items[0]
    assert [(u.by, u.action) for u in item.undertakings] == [
        ("Portfolio Holder", "circulate the savings plan to Members")
    ]


def test_headings_alone_and_labels_ending_in_a_full_stop_are_not_topics() -> None:
    item = _extract(
        "Agenda item\n\nBudget\n\nMinutes:\n\n"
        "CS4 – Number of households\n\n"
        "·  Reserves – Members asked about the level of reserves held at year end.\n"
        "·  Capital programme. Slippage was noted.\n"
    ).items[0]
    assert [t.label for t in item.topics] == ["Reserves"]


def test_votes_for_an_amendment_are_votes_against_the_motion() -> None:
    item = _extract(
        "Agenda item\n\nReserves Policy\n\nMinutes:\n\n"
        "For the Motion (2): Councillors Gatt and Brown.\n"
        "For the Amendment (3): Councillors Ross, Coy and Laing.\n"
    ).items[0]
    assert [(v.position, v.members) for v in item.recorded_votes] == [
        ("for", ["Gatt", "Brown"]),
        ("against", ["Ross", "Coy", "Laing"]),
    ]


def test_apologies_in_a_page_header_belong_to_the_first_item() -> None:
    meeting = _extract(
        "PLANNING COMMITTEE\n\nMinutes of the meeting held on Wednesday, 6th July 2016\n\n"
        "Apologies: Councillor K Brennan\n\n"
        "1. DECLARATIONS OF INTEREST\n\nNone.\n\n"
        "2. MINUTES\n\nRESOLVED that the minutes be approved.\n"
    )
    assert meeting.committee == "Planning Committee"
    assert [a.name for a in meeting.items[0].apologies] == ["K Brennan"]
    assert meeting.items[1].apologies == []

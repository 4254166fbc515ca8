"""The council named by a minutes page's URL or text, and the table behind it."""

from __future__ import annotations

import doctest
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from minutebook.extract import councils
from minutebook.extract.councils import (
    council_from_text,
    council_from_url,
    find_council,
    load_councils,
    match_council_in_text,
)

EVAL_DEV = Path("/work/shared/eval/dev")

# --- the table ------------------------------------------------------------------------------


def test_table_is_comprehensive() -> None:
    rows = load_councils()
    assert len(rows) >= 450
    current = Counter(row.kind for row in rows if row.current)
    # Every principal authority in the UK as of 2024: 21 county and 164 district
    # councils, 63 unitaries (Isles of Scilly included), 36 metropolitan
    # boroughs, 32 London boroughs with the City of London, 22 Welsh, 32
    # Scottish and 11 Northern Irish councils.
    assert current["county"] == 21
    assert current["district"] == 164
    assert current["unitary"] == 63
    assert current["metropolitan"] == 36
    assert current["london"] == 33
    assert current["wales"] == 22
    assert current["scotland"] == 32
    assert current["ni"] == 11


def test_table_is_well_formed() -> None:
    rows = load_councils()
    kinds = {"county", "district", "unitary", "metropolitan", "london", "wales", "scotland",
             "ni", "regional", "combined", "fire", "park"}  # fmt: skip
    for row in rows:
        assert row.kind in kinds, row
        assert re.fullmatch(r"current|abolished-\d{4}", row.status), row
        for stem in row.stems:
            assert re.fullmatch(r"[a-z0-9-]+(\.[a-z]+)*", stem), (row.name, stem)
    assert len({row.name for row in rows}) == len(rows)


def test_stems_are_unique() -> None:
    seen: dict[str, str] = {}
    for row in load_councils():
        for stem in row.stems:
            key = stem if "." in stem else stem.replace("-", "")
            assert key not in seen, f"{stem}: {seen.get(key)} and {row.name}"
            seen[key] = row.name


def test_names_and_aliases_name_one_council_each() -> None:
    seen: dict[tuple[str, ...], str] = {}
    for row in load_councils():
        for name in (row.name, *row.aliases):
            key = councils._name_key(name)
            assert seen.get(key, row.name) == row.name, name
            seen[key] = row.name


def test_every_current_council_is_found_by_its_own_name() -> None:
    for row in load_councils():
        if row.current:
            assert council_from_text(f"Minutes of {row.name} Cabinet") == row.name


def test_every_explicit_stem_on_a_gov_host_finds_its_council() -> None:
    for row in load_councils():
        for stem in row.stems:
            host = stem if "." in stem else f"democracy.{stem}.gov.uk"
            assert council_from_url(f"https://{host}/mgAi.aspx?ID=1") == row.name, stem


# --- URLs -----------------------------------------------------------------------------------

HOSTS = [
    # The shapes in the brief.
    ("https://barnsleymbc.moderngov.co.uk/mgAi.aspx?ID=20811",
     "Barnsley Metropolitan Borough Council"),
    ("https://moderngov.harrow.gov.uk/ieListDocuments.aspx?CId=276", "London Borough of Harrow"),
    ("https://democracy.york.gov.uk/mgAi.aspx?ID=9790", "City of York Council"),
    ("https://www.highland.gov.uk/meetings/meeting/3835/highland_council/attachment/1",
     "The Highland Council"),
    ("https://democratic.whitehorsedc.gov.uk/mgDecisionDetails.aspx?IId=1",
     "Vale of White Horse District Council"),
    ("https://democratic.southandvale.gov.uk/mgAi.aspx?ID=1",
     "Vale of White Horse District Council"),
    ("http://egenda.dumgal.gov.uk/aksdumgal/users/public/admin/kab12.pl?cmte=COU",
     "Dumfries and Galloway Council"),
    ("https://minutes-1.nwleics.gov.uk/mgListRecordedVotesShort.aspx?AIID=1",
     "North West Leicestershire District Council"),
    ("http://democracy.carmarthenshire.gov.wales/ieListDocuments.aspx?CId=131",
     "Carmarthenshire County Council"),
    ("http://www.northamptonboroughcouncil.com/councillors/ieListDocuments.aspx?CId=269",
     "Northampton Borough Council"),
    ("http://moray.cmis.uk.com/moray/CouncilandGovernance/Meetings/tabid/70/Default.aspx",
     "Moray Council"),
    ("https://glostext.gloucestershire.gov.uk/mgAi.aspx?ID=23357",
     "Gloucestershire County Council"),
    ("https://mycouncil.oxfordshire.gov.uk/ieListDocuments.aspx?CId=115",
     "Oxfordshire County Council"),
    ("http://mycouncil.oxford.gov.uk/ieListDocuments.aspx?CId=157", "Oxford City Council"),
    ("https://southampton.gov.uk/modernGov/ieIssueDetails.aspx?IId=41461",
     "Southampton City Council"),
    ("https://moderngov.cheshireeast.gov.uk/ecminutes/ieIssueDetails.aspx?IId=1",
     "Cheshire East Council"),
    ("http://democracy.cityoflondon.gov.uk/mgAi.aspx?ID=60671", "City of London Corporation"),
    ("http://democracy.somerset.gov.uk/mgAi.aspx?ID=4081", "Somerset Council"),
    ("https://democracy.hambleton.gov.uk/ieIssueDetails.aspx?IId=5744",
     "Hambleton District Council"),
    # England: London.
    ("https://moderngov.southwark.gov.uk/mgAi.aspx?ID=1", "London Borough of Southwark"),
    ("https://democracy.lbhf.gov.uk/ieListDocuments.aspx?CId=1",
     "London Borough of Hammersmith and Fulham"),
    ("https://www.rbkc.gov.uk/committees/x", "Royal Borough of Kensington and Chelsea"),
    ("https://democracy.towerhamlets.gov.uk/mgAi.aspx?ID=1", "London Borough of Tower Hamlets"),
    ("https://committees.royalgreenwich.gov.uk/mgAi.aspx?ID=1", "Royal Borough of Greenwich"),
    ("https://modgov.lbbd.gov.uk/Internet/mgAi.aspx?ID=1",
     "London Borough of Barking and Dagenham"),
    ("https://moderngov.kingston.gov.uk/mgAi.aspx?ID=1",
     "Royal Borough of Kingston upon Thames"),
    ("https://democracy.richmond.gov.uk/mgAi.aspx?ID=1", "London Borough of Richmond upon Thames"),
    ("https://committees.westminster.gov.uk/mgAi.aspx?ID=1", "Westminster City Council"),
    ("https://www.london.gov.uk/moderngov/mgAi.aspx?ID=1", "Greater London Authority"),
    # England: metropolitan, unitary, county and district.
    ("https://democracy.kirklees.gov.uk/mgAi.aspx?ID=1", "Kirklees Council"),
    ("https://democracy.bradford.gov.uk/mgAi.aspx?ID=1",
     "City of Bradford Metropolitan District Council"),
    ("https://wolverhampton.moderngov.co.uk/mgAi.aspx?ID=1", "City of Wolverhampton Council"),
    ("https://democracy.newcastle.gov.uk/mgAi.aspx?ID=1", "Newcastle City Council"),
    ("https://moderngov.sthelens.gov.uk/mgAi.aspx?ID=1", "St Helens Borough Council"),
    ("https://www.hullcc.gov.uk/padcouncil/x", "Kingston upon Hull City Council"),
    ("https://democracy.eastriding.gov.uk/mgAi.aspx?ID=1", "East Riding of Yorkshire Council"),
    ("https://democracy.bathnes.gov.uk/mgAi.aspx?ID=1", "Bath and North East Somerset Council"),
    ("https://democracy.bcpcouncil.gov.uk/mgAi.aspx?ID=1",
     "Bournemouth, Christchurch and Poole Council"),
    ("https://moderngov.dorsetcouncil.gov.uk/mgAi.aspx?ID=1", "Dorset Council"),
    ("https://democracy.scilly.gov.uk/x", "Council of the Isles of Scilly"),
    ("https://centralbeds.moderngov.co.uk/mgAi.aspx?ID=1", "Central Bedfordshire Council"),
    ("https://democracy.stockton.gov.uk/x", "Stockton-on-Tees Borough Council"),
    ("https://democracy.westmorlandandfurness.gov.uk/x", "Westmorland and Furness Council"),
    ("https://norfolkcc.cmis.uk.com/norfolkcc/Meetings.aspx", "Norfolk County Council"),
    ("https://mycouncil.surreycc.gov.uk/mgAi.aspx?ID=1", "Surrey County Council"),
    ("https://democracy.kent.gov.uk/ieListDocuments.aspx?CId=1", "Kent County Council"),
    ("https://kent.public-i.tv/core/portal/home", "Kent County Council"),
    ("https://democracy.west-norfolk.gov.uk/mgAi.aspx?ID=1",
     "Borough Council of King's Lynn and West Norfolk"),
    ("https://democracy.stalbans.gov.uk/mgAi.aspx?ID=1", "St Albans City and District Council"),
    ("https://democracy.newcastle-staffs.gov.uk/mgAi.aspx?ID=1",
     "Newcastle-under-Lyme Borough Council"),
    ("https://modgov.cannockchasedc.gov.uk/mgAi.aspx?ID=1", "Cannock Chase District Council"),
    ("https://www.wyre.gov.uk/meetings", "Wyre Council"),
    ("https://democracy.wyreforestdc.gov.uk/mgAi.aspx?ID=1", "Wyre Forest District Council"),
    ("https://democracy.richmondshire.gov.uk/mgAi.aspx?ID=1", "Richmondshire District Council"),
    ("https://www.aylesburyvaledc.gov.uk/x", "Aylesbury Vale District Council"),
    ("https://democracy.suffolkcoastal.gov.uk/x", "Suffolk Coastal District Council"),
    # Wales.
    ("https://democracy.npt.gov.uk/mgAi.aspx?ID=1", "Neath Port Talbot County Borough Council"),
    ("https://rctcbc.moderngov.co.uk/mgAi.aspx?ID=1",
     "Rhondda Cynon Taf County Borough Council"),
    ("https://democratiaeth.gwynedd.llyw.cymru/mgAi.aspx?ID=1", "Gwynedd Council"),
    ("https://mgenglish.pembrokeshire.gov.uk/mgAi.aspx?ID=1", "Pembrokeshire County Council"),
    ("https://www.valeofglamorgan.gov.uk/en/our_council/x", "Vale of Glamorgan Council"),
    ("https://democracy.newport.gov.uk/mgAi.aspx?ID=1", "Newport City Council"),
    ("https://democracy.anglesey.gov.wales/mgAi.aspx?ID=1", "Isle of Anglesey County Council"),
    # Scotland.
    ("https://committees.aberdeenshire.gov.uk/x", "Aberdeenshire Council"),
    ("https://committees.aberdeencity.gov.uk/ieListDocuments.aspx?CId=122",
     "Aberdeen City Council"),
    ("https://democracy.edinburgh.gov.uk/mgAi.aspx?ID=1", "City of Edinburgh Council"),
    ("https://www.cne-siar.gov.uk/x", "Comhairle nan Eilean Siar"),
    ("https://www.pkc.gov.uk/committees", "Perth and Kinross Council"),
    ("https://renfrewshire.cmis.uk.com/renfrewshire/x", "Renfrewshire Council"),
    ("https://www.eastrenfrewshire.gov.uk/x", "East Renfrewshire Council"),
    ("https://www.west-dunbarton.gov.uk/x", "West Dunbartonshire Council"),
    ("https://www.clacks.gov.uk/council/x", "Clackmannanshire Council"),
    # Northern Ireland.
    ("https://minutes3.belfastcity.gov.uk/ieListDocuments.aspx?CId=1", "Belfast City Council"),
    ("https://www.derrystrabane.com/council/meetings",
     "Derry City and Strabane District Council"),
    ("https://www.midulstercouncil.org/council/meetings", "Mid Ulster District Council"),
    ("https://www.newrymournedown.org/minutes", "Newry, Mourne and Down District Council"),
    ("https://www.armaghbanbridgecraigavon.gov.uk/x",
     "Armagh City, Banbridge and Craigavon Borough Council"),
    # Other authorities.
    ("https://www.yorkshiredales.org.uk/about-us/x", "Yorkshire Dales National Park Authority"),
    ("https://democracy.wmca.org.uk/mgAi.aspx?ID=1", "West Midlands Combined Authority"),
    # Suffixes and prefixes glued to a place, believed only where the name agrees.
    ("https://www.boltonmbc.gov.uk/x", "Bolton Council"),
    ("https://www.stevenagebc.gov.uk/x", "Stevenage Borough Council"),
    ("https://www.maldondc.gov.uk/x", "Maldon District Council"),
    ("https://www.salfordcc.gov.uk/x", "Salford City Council"),
    ("https://www.harrowcouncil.co.uk/ieListDocuments.aspx?CId=1", "London Borough of Harrow"),
    ("https://democracy.cityofyork.gov.uk/x", "City of York Council"),
    ("https://rutlandcounty.moderngov.co.uk/mgAi.aspx?ID=1", "Rutland County Council"),
    # Hosts made of the council's name rather than a listed stem.
    ("https://www.stockton-on-tees.gov.uk/x", "Stockton-on-Tees Borough Council"),
    ("https://www.kensingtonandchelsea.gov.uk/x", "Royal Borough of Kensington and Chelsea"),
    ("https://democracy.cityofedinburgh.gov.uk/x", "City of Edinburgh Council"),
    # Whole domains off gov.uk.
    ("https://www.iwight.com/Meetings/committees/x", "Isle of Wight Council"),
    # Spelling of the URL itself.
    ("HTTPS://Democracy.Leeds.GOV.UK/mgAi.aspx?ID=1", "Leeds City Council"),
    ("democracy.york.gov.uk/mgAi.aspx?ID=1", "City of York Council"),
    ("https://moderngov.harrow.gov.uk:443/mgAi.aspx", "London Borough of Harrow"),
    ("//tunbridgewells.gov.uk", "Tunbridge Wells Borough Council"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "name"), HOSTS)
def test_council_from_url(url: str, name: str) -> None:
    assert council_from_url(url) == name


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "not a url",
        "seed 000_66dad9008ef11aa6.txt",
        "file:///tmp/minutes.txt",
        "http://127.0.0.1:8000/mgAi.aspx?ID=1",
        "https://docslib.org/doc/6345021/clydesdale-area-committee",
        "https://deploy.abcdocz.com/doc/1101890/minutes",
        "https://www.gov.uk/government/publications",
        "https://assets.publishing.service.gov.uk/x.pdf",
        "https://www.kent.ac.uk/news",
        "https://www.kent.police.uk/",
        "https://www.yorkpress.co.uk/news",
        # A bare place name off a council platform is anybody's.
        "https://www.bristol.com/",
        # The suffix contradicts the council: Oxford is a city, Salisbury's a parish.
        "https://www.oxforddc.gov.uk/x",
        "https://www.salisburycitycouncil.gov.uk/x",
        "https://democracy.examplecouncil.gov.uk/mgAi.aspx",
        # Shared by two councils: the host cannot say which.
        "https://democracy.adur-worthing.gov.uk/mgAi.aspx?ID=1",
        "https://democracy.bromsgroveandredditch.gov.uk/mgAi.aspx?ID=1",
        "https://moderngov.southnorfolkandbroadland.gov.uk/mgAi.aspx?ID=1",
        "https://www.lewes-eastbourne.gov.uk/x",
    ],
)
def test_unknown_hosts_give_none(url: str | None) -> None:
    assert council_from_url(url) is None


# --- text -----------------------------------------------------------------------------------

TEXTS = [
    ("Minutes of the meeting of Tunbridge Wells Borough Council Planning Committee",
     "Tunbridge Wells Borough Council"),
    ("ABERDEEN CITY COUNCIL\n\nCOMMITTEE Finance", "Aberdeen City Council"),
    # The earliest name wins.
    ("Report to Medway Council. Kent County Council was consulted.", "Medway Council"),
    # The longest name at a place wins.
    ("North Somerset Council Executive", "North Somerset Council"),
    ("Somerset West and Taunton Council Scrutiny", "Somerset West and Taunton Council"),
    ("West Somerset Council", "West Somerset Council"),
    ("Newcastle upon Tyne City Council", "Newcastle City Council"),
    # Spelling: curly apostrophes, ampersands, missing hyphens, line breaks, case, accents.
    ("Borough Council of King’s Lynn & West Norfolk",
     "Borough Council of King's Lynn and West Norfolk"),
    ("Borough Council of Kings Lynn and West Norfolk",
     "Borough Council of King's Lynn and West Norfolk"),
    ("Stockton on Tees Borough Council", "Stockton-on-Tees Borough Council"),
    ("Vale of White\nHorse District Council", "Vale of White Horse District Council"),
    ("the highland council", "The Highland Council"),
    ("CYNGOR SIR YNYS MÔN", "Isle of Anglesey County Council"),
    ("St. Helens Borough Council", "St Helens Borough Council"),
    ("Newry, Mourne and Down District Council", "Newry, Mourne and Down District Council"),
    # Aliases lead to the official name.
    ("Harrow Council Cabinet", "London Borough of Harrow"),
    ("Hull City Council", "Kingston upon Hull City Council"),
    ("Shepway District Council", "Folkestone and Hythe District Council"),
    # A predecessor named in old minutes is the predecessor.
    ("North Yorkshire County Council Executive", "North Yorkshire County Council"),
    # Without a name, the addresses the text gives.
    ("PLANNING COMMITTEE\nE-mail: cheryl.clark@tunbridgewells.gov.uk",
     "Tunbridge Wells Borough Council"),
    ("See www.york.gov.uk and mail a@leeds.gov.uk or b@leeds.gov.uk", "Leeds City Council"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name"), TEXTS)
def test_council_from_text(text: str, name: str) -> None:
    assert council_from_text(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Minutes of the Licensing Sub-Committee",
        "The county council agreed; the borough council noted.",
        "Fife Councillors attended",  # a name must end at a word's end
        "Kentish Council",
        "mail me at someone@example.com",
    ],
)
def test_text_without_a_council_gives_none(text: str) -> None:
    assert council_from_text(text) is None


def test_mention_has_the_span_of_the_printed_name() -> None:
    text = "Agenda item 3\nLondon Borough  of\nHarrow Cabinet"
    mention = match_council_in_text(text)
    assert mention is not None
    assert mention.council.name == "London Borough of Harrow"
    assert text[mention.start : mention.end] == "London Borough  of\nHarrow"


def test_find_council_prefers_the_url() -> None:
    assert find_council("https://democracy.leeds.gov.uk/x", "York Council") == "Leeds City Council"
    assert find_council("https://docslib.org/doc/1", "Leeds City Council") == "Leeds City Council"
    assert find_council(None, None) is None


def test_long_text_is_quick() -> None:
    text = "The committee considered the report of the council. " * 40_000 + "Fife Council"
    started = time.perf_counter()
    assert council_from_text(text) == "Fife Council"
    # About 2 MB; a pattern tried at every character would take seconds.
    assert time.perf_counter() - started < 3.0


def test_docstring_examples() -> None:
    result = doctest.testmod(councils)
    assert result.attempted > 0
    assert result.failed == 0


# --- real minutes ---------------------------------------------------------------------------


def _dev_cases() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(EVAL_DEV.glob("*.txt")):
        gold_path = path.with_suffix(".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8")).get("council")
        if not gold:
            continue
        raw = path.read_text(encoding="utf-8")
        header, _, body = raw.partition("\n\n") if raw.startswith("URL:") else ("", "", raw)
        cases.append((header.removeprefix("URL:").strip(), body, gold))
    return cases


@pytest.mark.skipif(not EVAL_DEV.is_dir(), reason="no shared evaluation cases")
def test_dev_cases_name_their_council() -> None:
    cases = _dev_cases()
    if not cases:
        pytest.skip("no evaluation case names a council")
    misses = [
        (url, gold, got) for url, body, gold in cases if (got := find_council(url, body)) != gold
    ]
    print(f"council: {len(cases) - len(misses)} of {len(cases)} dev cases match")
    assert not misses, misses

"""Split a page of minutes into its agenda items.

Published minutes come in a handful of layouts, each recognised by its own
markers (see ``docs/house-styles.md``):

- ModernGov meeting pages ("Agenda and minutes"): an item number on a line of
  its own ("78.", "4a", "5.1", "22/22"), then the title; or no numbers at all,
  only short title lines between paragraphs.
- ModernGov issue histories: one block per "Meeting: 19/10/2017 - Scrutiny
  Committee (Item 22)" line.
- Printed minutes: "8. APOLOGIES FOR ABSENCE" on one line, or a title followed
  by a minute reference ("APOLOGIES" / "PLA146/14").
- Table layouts flattened to text with "|" cell separators.
- Single-item pages ("Agenda item", "Decision details", "Voting record").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutebook.extract.text import Line, lines

_PDF_SUFFIX = re.compile(
    r"\s*(?:pdf icon\s*)?(?:PDF|DOC|DOCX|HTML)\s+[\d.,]+\s*[KM]B\b.*$|\s*pdf icon\s*$", re.I
)
_NUMBER_ALONE = re.compile(r"^(?:Item\s+)?(\d{1,4}(?:[a-z]{1,2}|\.\d{1,2}[a-z]?|/\d{2,4})?)\.?\)?$")
# "78. Title", "112/23 Title", "CAB 45/24 Title", "Item 5: Title", "Minute 12 - Title"
_NUMBER_TITLE = re.compile(
    r"^(?:(?:(?:Agenda\s+)?Item|Minute)\s+(\d{1,4}[a-z]?)\s*[:.–-]|"
    r"([A-Z]{1,6}\s?\d{1,4}/\d{2,4}|\d{1,4}(?:/\d{2,4}|[a-z])?)(?:\.|\s))\s*([A-Z(][^\n]{2,})$"
)
_MINUTE_CODE = re.compile(r"^([A-Z]{1,6}\s?\d{1,4}/\d{2,4})$")
_ISSUE_MEETING = re.compile(
    r"^Meeting:\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(.+?)\s*\(Item\s+([^)]+)\)\s*$"
)
LABELS = re.compile(
    r"^(?:Minutes:|Decision|Decisions|Additional documents|Supporting documents|Resolved|"
    r"RESOLVED|Purpose|Background|Discussion|Note|Notes|Media|Link|Venue|Contact|Items?|"
    r"(?:Note\s+)?No\.?\s*Item|Item Number.*|Public Items|Public|PUBLIC|Private|Agenda item|"
    r"Decision details|Issue - meetings|Issue - decisions|Voting record|Agenda and minutes|"
    r"Agenda and draft minutes|Agenda, decisions and draft minutes|Additional documents)\s*:?\s*$",
    re.I,
)
_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "to",
    "in",
    "on",
    "for",
    "at",
    "by",
    "with",
    "from",
    "or",
    "as",
    "into",
    "its",
    "their",
    "be",
    "is",
    "are",
    "any",
    "all",
    "which",
    "see",
    "this",
    "that",
    "per",
    "vs",
    "v",
    "de",
    "la",
    "le",
    "du",
    "within",
    "under",
    "over",
    "between",
}
_SENTENCE_START = re.compile(r"\s(?:The|A|An|There|It|Members)\s+(?=[a-z])")
_STARS = re.compile(r"\s*\*+\s*$")
_TITLE_START = re.compile(r"^[A-Z0-9‘'\"“(]")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PROSE_VERB = re.compile(r"\b(?:was|were|is|are|had|has|have|been|be|no|none)\b", re.I)
_RESOLUTION_VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|be|been|noted|agreed|approved|resolved)\b", re.I
)
_TABLE_HEAD = re.compile(r"^No\.?\s*\|\s*Item\b")
_TABLE_SEPARATOR = re.compile(r"[|\-\s]+")
_TABLE_CELL_END = re.compile(r"\s*(?:Additional documents:|Minutes:)")
_TABLE_CELL_PDF = re.compile(r"\s*(?:pdf icon\s*)?PDF\s+[\d.]+\s*KB")
_UPPER_HEAD = re.compile(r"^([A-Z0-9][A-Z0-9'’&/(),\- ]{3,}[A-Z)])(?=\s+[A-Z][a-z])")
_DIGITS = re.compile(r"\d+")
_PREFIX_CODE = re.compile(r"[A-Z]{1,3}")
_LISTING = re.compile(r"^(?:Note\s+)?No\.?\s*Item\b|^Items?$|^Item Number\b")
_RESOLVED_START = re.compile(r"^(?:RESOLVED|Resolved)\b")


@dataclass(slots=True)
class ItemBlock:
    """Where one item stands in the page: its number, title and text range."""

    number: str | None
    title: str | None
    start: int
    end: int
    body_start: int
    """Where the item's own text starts (after a page header folded into the first item)."""
    committee: str | None = None
    date: str | None = None


def clean_title(title: str | None) -> str | None:
    """A printed title without link clutter ("pdf icon PDF 103 KB") or agenda stars.

    >>> clean_title("Minutes pdf icon PDF 168 KB")
    'Minutes'
    """
    if not title:
        return None
    lowered = title.lower()
    # Most titles carry no clutter; each pattern needs its own word or mark to match.
    if "pdf" in lowered or "doc" in lowered or "html" in lowered:
        title = _PDF_SUFFIX.sub("", title)
    if "*" in title:
        title = _STARS.sub("", title)
    return " ".join(title.split()) or None


def title_like(text: str, *, max_words: int = 20) -> bool:
    """Whether a line reads as an item heading rather than prose.

    >>> title_like("Declarations of Interest (including whipping declarations)")
    True
    >>> title_like("There were no declarations of interest.")
    False
    """
    t = clean_title(text) or ""
    had_pdf = t != text.strip()
    if not t or len(t) > 160 or LABELS.match(t):
        return False
    if not _TITLE_START.match(t) or t.startswith("("):
        return False
    words = t.split()
    if len(words) > max_words:
        return False
    if t.endswith((";", ",", ":", "–", "-")):
        return False
    if t.endswith(".") and not had_pdf:
        # "Convener's Remarks." is a heading; "There were none." is prose.
        return len(words) <= 6 and capital_ratio(t) >= 0.6 and not _PROSE_VERB.search(t)
    return True


def capital_ratio(text: str) -> float:
    """Share of a phrase's significant words that start with a capital (Title Case → 1).

    >>> capital_ratio("Review of Standing Orders")
    1.0
    """
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def heading_like(text: str) -> bool:
    """A title-like line written in Title Case or capitals, as numbered headings are."""
    t = clean_title(text) or ""
    if len(t) > 100:
        # A long heading cut from run-on prose keeps its trailing comma.
        return len(t.split()) <= 45 and capital_ratio(t) >= 0.6
    if not title_like(text, max_words=30):
        return False
    if capital_ratio(t) >= 0.6:
        return True
    # Sentence-case headings ("12. Children's Services annual report") are short and
    # never end on a joining word, unlike a numbered list of resolutions.
    words = t.split()
    return (
        len(words) <= 10
        and words[-1].lower() not in _SMALL_WORDS
        and not _RESOLUTION_VERB.search(t)
    )


def _loose_title(text: str) -> bool:
    """The line after a bare item number is its title unless it is plainly not one."""
    t = clean_title(text) or ""
    return bool(t) and not LABELS.match(t) and len(t.split()) <= 40 and bool(_TITLE_START.match(t))


_DATE_START = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{2,4}\b"
)


def split_items(text: str) -> tuple[list[ItemBlock], int]:
    """Find the items of ``text``; returns them and where the page header ends.

    >>> blocks, _ = split_items("Items\\nNo. Item\\n\\n12.\\n\\nApologies\\n\\nNone.\\n")
    >>> [(b.number, b.title) for b in blocks]
    [('12', 'Apologies')]
    """
    ls = lines(text)
    for strategy in (_issue_history, _table_rows, _minute_codes, _numbered, _single_page, _titles):
        found = strategy(text, ls)
        if found:
            blocks, header_end = found
            _close(blocks, len(text))
            return blocks, header_end
    title = clean_title(ls[0].text) if ls and title_like(ls[0].text) else None
    return [ItemBlock(None, title, 0, len(text), 0)], 0


def _close(blocks: list[ItemBlock], end: int) -> None:
    for i, b in enumerate(blocks):
        b.end = blocks[i + 1].start if i + 1 < len(blocks) else end


def _issue_history(text: str, ls: list[Line]) -> tuple[list[ItemBlock], int] | None:
    idx = [
        i
        for i, ln in enumerate(ls)
        if ln.text.startswith("Meeting:") and _ISSUE_MEETING.match(ln.text)
    ]
    if not idx:
        return None
    blocks: list[ItemBlock] = []
    for n, i in enumerate(idx):
        m = _ISSUE_MEETING.match(ls[i].text)
        assert m
        number = m.group(3).strip()
        stop = idx[n + 1] if n + 1 < len(idx) else len(ls)
        title = None
        for ln in ls[i + 1 : stop]:
            tm = re.match(rf"^{re.escape(number)}\.?\s+(.+)$", ln.text)
            if tm:
                title = clean_title(tm.group(1))
                break
        if title is None and i + 1 < stop and title_like(ls[i + 1].text):
            title = clean_title(ls[i + 1].text)
        blocks.append(
            ItemBlock(number, title, ls[i].start, 0, ls[i].start, m.group(2).strip(), m.group(1))
        )
    blocks[0].start = 0
    return blocks, ls[idx[0]].start


def _table_rows(text: str, ls: list[Line]) -> tuple[list[ItemBlock], int] | None:
    head = next(
        (i for i, ln in enumerate(ls) if ln.text.startswith("No") and _TABLE_HEAD.match(ln.text)),
        None,
    )
    if head is None:
        return None
    blocks: list[ItemBlock] = []
    after_separator = True
    for ln in ls[head + 1 :]:
        if _TABLE_SEPARATOR.fullmatch(ln.text):
            after_separator = True
            continue
        starts = after_separator or "Additional documents:" in ln.text
        if starts:
            cell = _TABLE_CELL_END.split(ln.text, maxsplit=1)[0]
            cell = _TABLE_CELL_PDF.split(cell, maxsplit=1)[0]
            title = _leading_title(cell)
            blocks.append(ItemBlock(None, title, ln.start, 0, ln.start))
        after_separator = ln.text.rstrip().endswith("|")
    if not blocks:
        return None
    return blocks, ls[head].end


def _leading_title(cell: str) -> str | None:
    """The heading at the start of a table cell whose text runs on after it."""
    cell = cell.strip(" |")
    if not cell:
        return None
    if title_like(cell) and capital_ratio(cell) >= 0.6:
        return clean_title(cell)
    upper = _UPPER_HEAD.match(cell)
    if upper:
        return upper.group(1).strip()
    return None


def _minute_codes(text: str, ls: list[Line]) -> tuple[list[ItemBlock], int] | None:
    idx = [i for i, ln in enumerate(ls) if "/" in ln.text and _MINUTE_CODE.match(ln.text)]
    if len(idx) < 2:
        return None
    blocks: list[ItemBlock] = []
    for i in idx:
        j = i
        # The title stands above the code, sometimes over several capitalised lines.
        while j - 1 >= 0 and ls[j - 1].text.upper() == ls[j - 1].text and i - j < 4:
            if blocks and ls[j - 1].start < blocks[-1].body_start:
                break
            j -= 1
        if j == i:
            continue
        title = " ".join(ln.text for ln in ls[j:i])
        blocks.append(ItemBlock(ls[i].text, clean_title(title), ls[j].start, 0, ls[j].start))
    if len(blocks) < 2:
        return None
    header_end = blocks[0].start
    return _fold_header(blocks, header_end), header_end


def _number_key(number: str) -> tuple[int, str]:
    m = _DIGITS.search(number)
    return (int(m.group(0)) if m else -1, number)


def _numbered(text: str, ls: list[Line]) -> tuple[list[ItemBlock], int] | None:
    blocks: list[ItemBlock] = []
    last = -1
    i = 0
    while i < len(ls):
        ln = ls[i]
        m = _NUMBER_ALONE.match(ln.text)
        if m and i + 1 < len(ls) and _loose_title(ls[i + 1].text):
            key = _number_key(m.group(1))[0]
            if key >= last:
                prefix_line = ls[i - 1] if i and _PREFIX_CODE.fullmatch(ls[i - 1].text) else None
                number = m.group(1) if prefix_line is None else f"{prefix_line.text} {m.group(1)}"
                start = (prefix_line or ln).start
                blocks.append(ItemBlock(number, clean_title(ls[i + 1].text), start, 0, start))
                last = key
                i += 2
                continue
        m2 = _NUMBER_TITLE.match(ln.text)
        if m2 and not ln.bullet.startswith("("):
            printed = m2.group(1) or m2.group(2)
            key = _number_key(printed)[0]
            title = _split_run_on_title(m2.group(3))
            if key > last and title and not _DATE_START.match(title) and heading_like(title):
                blocks.append(ItemBlock(printed, clean_title(title), ln.start, 0, ln.start))
                last = key
        i += 1
    if not blocks:
        return None
    header_end = blocks[0].start
    lead = _leading_item(text, ls, header_end)
    if lead:
        blocks.insert(0, lead)
        header_end = lead.start
    return _fold_header(blocks, header_end), header_end


def _split_run_on_title(text: str) -> str | None:
    """Cut a heading from the prose that runs on after it on the same line.

    Minutes converted from PDF often lose the line break after a heading:
    "Minutes of Previous Meeting The minutes of the meeting ... were approved".
    """
    text = text.strip()
    if len(text) <= 100 and title_like(text, max_words=30):
        return text
    m = _SENTENCE_START.search(text)
    if m and m.start() >= 5:
        head = text[: m.start()].strip()
        if capital_ratio(head) >= 0.6:
            return head
    return None


def _listing_start(ls: list[Line]) -> int | None:
    for i, ln in enumerate(ls):
        if ln.text[:1] in "NI" and _LISTING.match(ln.text):
            return i
    return None


def _leading_item(text: str, ls: list[Line], first_start: int) -> ItemBlock | None:
    """An unnumbered item printed before the first numbered one on a meeting page."""
    head = _listing_start(ls)
    if head is None:
        return None
    region = [ln for ln in ls[head + 1 :] if ln.start < first_start and not LABELS.match(ln.text)]
    if not region or not title_like(region[0].text):
        return None
    title_line = region[0]
    minutes_at = next(
        (
            k
            for k, ln in enumerate(ls)
            if ln.text == "Minutes:" and ln.start < first_start and ln.start > region[0].start
        ),
        None,
    )
    if minutes_at is not None:
        before = [ln for ln in region if ln.start < ls[minutes_at].start and title_like(ln.text)]
        if before:
            title_line = before[-1]
    return ItemBlock(None, clean_title(title_line.text), region[0].start, 0, region[0].start)


def _fold_header(blocks: list[ItemBlock], header_end: int) -> list[ItemBlock]:
    # Apologies and attendance printed in a page header belong to the first item.
    blocks[0].body_start = blocks[0].start
    blocks[0].start = 0
    return blocks


def _single_page(text: str, ls: list[Line]) -> tuple[list[ItemBlock], int] | None:
    for i, ln in enumerate(ls[:12]):
        marker = ln.text.rstrip(":").strip().lower()
        if marker in ("agenda item", "decision details", "issue - decisions"):
            nxt = ls[i + 1] if i + 1 < len(ls) else None
            title = None
            if nxt is not None and not LABELS.match(nxt.text):
                candidate = nxt.text
                words = candidate.split()
                if not (candidate.endswith(".") and len(words) > 10) and not _RESOLVED_START.match(
                    candidate
                ):
                    title = clean_title(candidate)
            return [ItemBlock(None, title, 0, 0, 0)], ln.end
        if marker == "voting record":
            item = next((x for x in ls if x.text.startswith("Item:")), None)
            title = clean_title(item.text.removeprefix("Item:").strip()) if item else None
            return [ItemBlock(None, title, 0, 0, 0)], ln.end
    return None


def _titles(text: str, ls: list[Line]) -> tuple[list[ItemBlock], int] | None:
    """Meeting pages whose items carry no numbers: short title lines between paragraphs."""
    head = _listing_start(ls)
    if head is None:
        return None
    blocks: list[ItemBlock] = []
    prev_title = False
    first_body = ls[head + 1].start if head + 1 < len(ls) else len(text)
    for ln in ls[head + 1 :]:
        if LABELS.match(ln.text):
            continue
        is_title = not ln.bullet and not prev_title and title_like(ln.text)
        if is_title and ln.text[:1] in "“\"‘'":
            is_title = False
        if is_title:
            blocks.append(ItemBlock(None, clean_title(ln.text), ln.start, 0, ln.start))
        prev_title = is_title
    if not blocks:
        return None
    if text[first_body : blocks[0].start].strip():
        # Prose before the first title: an item whose heading the layout dropped.
        blocks.insert(0, ItemBlock(None, None, first_body, 0, first_body))
    return _fold_header(blocks, blocks[0].start), blocks[0].start

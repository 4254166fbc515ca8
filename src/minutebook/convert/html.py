"""HTML pages to text as a browser shows them, and ModernGov pages to a DocumentText.

:func:`html_to_text` is the plain conversion: block elements on their own
lines, blank lines between paragraphs, ``•`` before list items, table cells
separated by a tab. :func:`html_document` also keeps only a ModernGov page's
content area and reads what its markup states: the title, linked documents
and, on meeting and agenda-item pages, the agenda items.

>>> html_to_text("<p>Minutes:</p><ul><li>Apologies</li><li>Declarations</li></ul>")
'Minutes:\\n\\n• Apologies\\n• Declarations'
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from minutebook.convert.moderngov import (
    clean_title,
    document_links,
    meeting_heading,
    page_kind,
)
from minutebook.document import DocumentText, Section
from minutebook.errors import EmptyDocument
from minutebook.models import SupportingDocument

__all__ = ["decode_html", "html_document", "html_to_text"]

# Markers inserted as text around elements, resolved after one text() call:
# Lexbor gathers the text in C, and Python only touches block elements.
_B1 = "\ue000"  # block boundary: at least one line break
_B2 = "\ue001"  # paragraph boundary: a blank line
_BR = "\ue002"  # <br>
_CELL = "\ue003"  # end of a table cell
_LI = "\ue004"  # end of a list item's bullet: its content starts on the same line
_OPEN = "\ue005"  # start of a section's text
_CLOSE = "\ue006"  # end of a section's text
_LI_END = "\ue007"  # end of a list item: one line break, whatever blocks it held
_LIST = "\ue008"  # start or end of an outermost list: a blank line
_ITEM = "\ue009"  # a list item's bullet follows: one line break, not a blank line
_MARKERS = re.compile("[\ue000-\ue009]")
_MARKER_CHARS = tuple(chr(code) for code in range(0xE000, 0xE00A))

_DROP = (
    "script, style, noscript, template, head, title, iframe, object, embed, svg, canvas,"
    " select, textarea, nav, [hidden], .mgHide,"
    " [style*='display:none' i], [style*='display: none' i]"
)
# Site furniture around the content that a reader skips: ModernGov's footer
# and action links; on other sites breadcrumbs, cookie banners, share buttons.
_MODGOV_CHROME = ".mgFooter, .mgLinks, .mgBreadCrumbs"
_CHROME = (
    "header:not(main *):not(article *), footer:not(main *):not(article *),"
    " aside:not(main *):not(article *), [class*=breadcrumb i], [id*=breadcrumb i],"
    " [class*=cookie i], [id*=cookie i], [class*=share i], [id*=share i], .skip-link,"
    " [role=navigation],"
    " [role=banner], [role=contentinfo], [role=search]"
)
_KIND = {
    **dict.fromkeys("p h1 h2 h3 h4 h5 h6 blockquote table hr dl figure address".split(), _B2),
    **dict.fromkeys(
        "div section article main header footer aside form fieldset legend details summary"
        " dd dt caption tr center figcaption".split(),
        _B1,
    ),
    "td": _CELL,
    "th": _CELL,
    "br": _BR,
    "pre": "pre",
    "ul": "list",
    "ol": "list",
}
_SPACES = re.compile("  +")
# Runs of markers (and the spaces between them), each rendered once per distinct run.
_RUNS = re.compile("([\ue000-\ue009][ \ue000-\ue009]*)")
_BLANKS = re.compile("\n[\ue005\ue006]*(?:\n[\ue005\ue006]*){2,}")
_SENTINELS = re.compile("[\ue005\ue006]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """Decode a page: BOM, then UTF-8 if valid, then the declared charset, then Windows-1252.

    >>> decode_html(b'<meta charset="windows-1252"><p>Caf\\xe9</p>')[-8:]
    'Café</p>'
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        # Browsers read Latin-1 labels as Windows-1252, as Word's exports need.
        if name in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
            name = "cp1252"
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def html_to_text(html: str) -> str:
    """The text of a whole HTML page or fragment, laid out as a browser shows it.

    >>> html_to_text("<h2>Item 4</h2><p>RESOLVED that<br>the report be noted.</p>"
    ...              "<table><tr><td>For</td><td>7</td></tr></table><script>x()</script>")
    'Item 4\\n\\nRESOLVED that\\nthe report be noted.\\n\\nFor\\t7'
    """
    tree = _parse(html)
    root = tree.body or tree.root
    if root is None:
        return ""
    return _render(root)[0]


def _render(root: LexborNode) -> tuple[str, list[tuple[int, int]]]:
    """Text of ``root`` and the ``(start, end)`` spans between section sentinels placed in it.

    Sentinels are ``_OPEN``/``_CLOSE`` text nodes a caller inserted around
    each section; they must not nest. The tree is changed (markers inserted).
    """
    _remove(root, _DROP)
    _mark(root)
    text = root.text(deep=True)
    # HTML whitespace collapses; a non-breaking space does not (Word indents with them).
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ").replace("\f", " ")
    text = _SPACES.sub(" ", text)
    parts = _RUNS.split(text)
    render_run = _render_run
    for i in range(1, len(parts), 2):
        run = render_run(parts[i])
        parts[i] = run
        if "\n" in run or "\t" in run:
            # Spaces, and non-breaking ones, before a line break are not shown.
            parts[i - 1] = parts[i - 1].rstrip(" \xa0")
        elif " " in run:
            parts[i - 1] = parts[i - 1].rstrip(" ")
    text = "".join(parts).replace("\xa0", " ")
    text = _BLANKS.sub(_squash_blanks, text)
    return _take_sentinels(text)


def _remove(
    root: LexborNode, selector: str, keep: LexborNode | None = None
) -> LexborNode | None:
    """Remove the elements under ``root`` that match ``selector``, with their content.

    Returns ``keep``, a node under ``root``, or ``None`` when it was removed too.
    """
    found = root.css(selector)
    if keep is not None and found:
        removed = {node.mem_id for node in found}
        ancestor: LexborNode | None = keep
        while ancestor is not None and ancestor.mem_id != root.mem_id:
            if ancestor.mem_id in removed:
                keep = None
                break
            ancestor = ancestor.parent
    # Innermost first: removing an element frees its descendants, which must
    # not be touched afterwards.
    for node in reversed(found):
        if node.mem_id != root.mem_id:
            node.decompose()
    return keep


def html_document(data: bytes, *, source: str, url: str | None = None) -> DocumentText:
    """A :class:`DocumentText` for an HTML page: its content, title, documents and items.

    >>> page = (b'<div id="modgov"><h1 class="mgMainTitleTxt">Agenda item</h1>'
    ...         b'<h2 class="mgSubTitleTxt">Work Programme</h2><div class="mgContent">'
    ...         b'<p>Minutes:</p><p>RESOLVED that the work programme be noted.</p></div></div>')
    >>> doc = html_document(page, source="item.html", url="https://example.gov.uk/mgAi.aspx?ID=9")
    >>> doc.title, doc.sections[0].text
    ('Work Programme', 'Minutes:\\n\\nRESOLVED that the work programme be noted.')
    """
    tree = _parse(decode_html(data))
    body = tree.body or tree.root
    if body is None:
        raise EmptyDocument(source, "no text in the HTML page")
    base, council = _page_facts(tree, url)
    root = _content_root(body)
    kind = page_kind(url or source, root)
    title = _title(tree, root)
    known: dict[int, SupportingDocument | None] = {}
    documents = document_links(root, base, known)
    committee: str | None = None
    date: dt.date | None = None
    if kind == "meeting" and title:
        committee, date = meeting_heading(title)
    content = root.css_first(".mgContent")
    if content is None:
        _remove(root, _CHROME)
    elif _remove(root, _MODGOV_CHROME, keep=content) is None:
        # The content area sat in the removed furniture: look again in what is left.
        content = root.css_first(".mgContent")
    plans: list[tuple[str | None, str | None, list[SupportingDocument]]] = []
    if kind == "meeting":
        plans = _plan_meeting_items(root, base, known)
    elif kind == "item":
        title, plans = _plan_item_page(content, base, title, known)
    text, spans = _render(root)
    if not text.strip():
        raise EmptyDocument(source, "no text in the HTML page")
    sections = None
    if plans and len(plans) == len(spans):
        sections = [
            Section(number=num, title=ttl, text=text[start:end], documents=docs)
            for (num, ttl, docs), (start, end) in zip(plans, spans, strict=True)
        ]
    return DocumentText(
        text=text,
        format="html",
        source=source,
        url=url or base,
        council=council,
        committee=committee,
        date=date,
        title=title,
        sections=sections,
        documents=documents,
    )


def _parse(html: str) -> LexborHTMLParser:
    if any(marker in html for marker in _MARKER_CHARS):
        # Our markers are private-use characters; a page that uses them must not confuse us.
        html = _MARKERS.sub("\ufffd", html)
    return LexborHTMLParser(html)


def _mark(root: LexborNode) -> None:
    for node in root.css("td > p:only-child, th > p:only-child"):
        # Word wraps every table cell in a paragraph; a browser still shows
        # "For: | Councillors A and B (2)" as one row, so read the cell inline.
        if _alone(node):
            node.unwrap()
    # One walk in C, Python only for block elements: CSS selectors over many
    # tag names cost several times more.
    kind = _KIND.get
    nodes = [(node, k) for node in root.traverse() if (k := kind(node.tag or "")) is not None]
    for node, marker in nodes:
        if marker == _CELL:
            node.insert_after(_CELL)
        elif marker == _BR:
            node.insert_after(_BR)
        elif marker == "list":
            _mark_list(node)
        elif marker == "pre":
            text = node.text().replace("\r\n", "\n").replace(" ", "\xa0").replace("\t", "\xa0" * 4)
            node.insert_before(_B2)
            node.insert_after(_B2)
            node.replace_with(text.replace("\n", _BR))
        else:
            node.insert_before(marker)
            node.insert_after(marker)


def _alone(node: LexborNode) -> bool:
    """No text beside ``node`` in its parent (only whitespace)."""
    for step in ("prev", "next"):
        sibling = getattr(node, step)
        while sibling is not None:
            if sibling.is_text_node and (sibling.text_content or "").strip(" \t\n\r\f"):
                return False
            sibling = getattr(sibling, step)
    return True


def _mark_list(lst: LexborNode) -> None:
    depth = 0
    parent = lst.parent
    while parent is not None:
        if parent.tag in ("ul", "ol"):
            depth += 1
        parent = parent.parent
    indent = "\xa0\xa0" * depth
    edge = _B1 if depth else _LIST
    lst.insert_before(edge)
    lst.insert_after(edge)
    ordered = lst.tag == "ol"
    style = lst.attributes.get("type") or "1"
    try:
        number = int(lst.attributes.get("start") or 1)
    except ValueError:
        number = 1
    for child in lst.iter():
        if child.tag != "li":
            continue
        bullet = _ordinal(number, style) + "." if ordered else "•"
        number += 1
        child.insert_before(_ITEM + indent + bullet + "\xa0" + _LI)
        child.insert_after(_LI_END)


def _ordinal(number: int, style: str) -> str:
    if style in ("a", "A") and 0 < number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if style == "A" else letter
    if style in ("i", "I") and 0 < number < 40:
        numerals = ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1)
        out = ""
        for numeral, value in numerals:
            while number >= value:
                out += numeral
                number -= value
        return out.upper() if style == "I" else out
    return str(number)


@lru_cache(maxsize=4096)
def _render_run(run: str) -> str:
    opens = _OPEN * run.count(_OPEN)
    closes = _CLOSE * run.count(_CLOSE)
    if run[0] == _LI and _LI_END not in run:
        # Just after a bullet: "• " and the item's first block share a line.
        return opens
    if _LIST in run:
        breaks = 2
    elif _LI_END in run or _ITEM in run:
        # Paragraphs inside a list item end with the item: one bullet a line.
        breaks = 1
    else:
        breaks = 2 if _B2 in run else 1 if _B1 in run else 0
    breaks = max(breaks, min(run.count(_BR), 2))
    if breaks:
        return closes + "\n" * breaks + opens
    if _CELL in run:
        return closes + "\t" + opens
    return closes + (" " if " " in run else "") + opens


def _squash_blanks(match: re.Match[str]) -> str:
    return "\n\n" + "".join(_SENTINELS.findall(match.group()))


def _take_sentinels(text: str) -> tuple[str, list[tuple[int, int]]]:
    if _OPEN not in text and _CLOSE not in text:
        return text.strip(), []
    marks = sorted(
        [(i, _OPEN) for i in _find_all(text, _OPEN)]
        + [(i, _CLOSE) for i in _find_all(text, _CLOSE)]
    )
    opens: list[int] = []
    closes: list[int] = []
    for removed, (where, sentinel) in enumerate(marks):
        (opens if sentinel == _OPEN else closes).append(where - removed)
    joined = text.replace(_OPEN, "").replace(_CLOSE, "")
    lead = len(joined) - len(joined.lstrip())
    stripped = joined.strip()
    spans: list[tuple[int, int]] = []
    for start, end in zip(opens, closes, strict=False):
        s = min(max(start - lead, 0), len(stripped))
        e = min(max(end - lead, s), len(stripped))
        while s < e and stripped[s].isspace():
            s += 1
        while e > s and stripped[e - 1].isspace():
            e -= 1
        spans.append((s, e))
    return stripped, spans


def _find_all(text: str, char: str) -> list[int]:
    found = []
    where = text.find(char)
    while where != -1:
        found.append(where)
        where = text.find(char, where + 1)
    return found


# Each query parses its selector anew, which costs more than matching a few
# elements: the page's address and publisher come from one query, its results
# told apart by tag and, for <meta>, by the attributes the selectors test.
_PUBLISHER = "meta[name='DC.publisher' i], meta[name='DC.creator' i]"
_ADDRESS_AND_PUBLISHER = (
    "base[href], link[rel=canonical], meta[property='og:url'], " + _PUBLISHER
)


def _page_facts(tree: LexborHTMLParser, url: str | None) -> tuple[str | None, str | None]:
    """The page's address (``url`` if given, else as the page states it) and its publisher.

    The address is the first ``<base href>``, else the canonical link, else
    ``og:url``, when absolute; the publisher is the first Dublin Core
    ``DC.publisher`` with content, else ``DC.creator`` (as ModernGov writes them).
    """
    first: dict[str, LexborNode] = {}
    for node in tree.css(_PUBLISHER if url else _ADDRESS_AND_PUBLISHER):
        tag = node.tag or ""
        if tag != "meta":
            first.setdefault(tag, node)
            continue
        attrs = node.attributes
        if attrs.get("property") == "og:url":
            first.setdefault("og:url", node)
        name = attrs.get("name") or ""
        # The selectors' "i" compares ASCII letters only.
        if name.isascii():
            first.setdefault(name.lower(), node)
    base = url
    if not base:
        for key, attr in (("base", "href"), ("link", "href"), ("og:url", "content")):
            found = first.get(key)
            value = found.attributes.get(attr) if found is not None else None
            if value and value.startswith(("http://", "https://")):
                base = value.strip()
                break
    council = None
    for key in ("dc.publisher", "dc.creator"):
        found = first.get(key)
        value = " ".join((found.attributes.get("content") or "").split()) if found else ""
        if value:
            council = value
            break
    return base, council


def _content_root(body: LexborNode) -> LexborNode:
    for selector in ("#modgov", ".mgContent", "main", "[role=main]"):
        node = body.css_first(selector)
        # A <main> that holds a few words only is a skip target, not the content.
        if node is not None and (selector.startswith(("#", ".")) or len(node.text()) > 200):
            return node
    return body


def _title(tree: LexborHTMLParser, root: LexborNode) -> str | None:
    # ModernGov's subtitle names the item or meeting; its h1 is the page type ("Agenda item").
    places: tuple[tuple[LexborHTMLParser | LexborNode, str], ...] = (
        (root, ".mgSubTitleTxt"),
        (root, "h1:not(.mgMainTitleTxt)"),
        (tree, "head > title"),
        (root, ".MsoTitle, h1, h2"),
    )
    for scope, selector in places:
        node = scope.css_first(selector)
        if node is not None and (title := clean_title(node.text())):
            return title
    return None


def _plan_meeting_items(
    root: LexborNode, base: str | None, known: dict[int, SupportingDocument | None]
) -> list[tuple[str | None, str | None, list[SupportingDocument]]]:
    """Sentinels around each item row of a meeting page; its number, title and documents."""
    rows = [cell.parent for cell in root.css("td.mgItemNumberCell") if cell.parent is not None]
    if not rows:
        rows = [
            row
            for row in root.css("table.mgItemTable tr")
            if (cell := row.css_first("td")) is not None and _ITEM_NUMBER.match(cell.text())
        ]
    plans: list[tuple[str | None, str | None, list[SupportingDocument]]] = []
    for row in rows:
        cells = [child for child in row.iter() if child.tag == "td"]
        if len(cells) < 2:
            continue
        number = " ".join(cells[0].text().split()).rstrip(".") or None
        content = cells[1]
        heading = content.css_first(".mgAiTitleTxt")
        title = clean_title(heading.text()) if heading is not None else None
        if heading is not None:
            heading.insert_after(_OPEN)
        elif content.child is not None:
            content.child.insert_before(_OPEN)
        else:
            continue
        content.insert_child(_CLOSE)
        plans.append((number, title or None, document_links(content, base, known)))
    return plans


def _plan_item_page(
    content: LexborNode | None,
    base: str | None,
    title: str | None,
    known: dict[int, SupportingDocument | None],
) -> tuple[str | None, list[tuple[str | None, str | None, list[SupportingDocument]]]]:
    """An agenda-item page is one item: its title, and its text under the title.

    ``content`` is the page's ``.mgContent``. Sites differ in where the title
    sits: in the page's subtitle, with a "Meeting: 12/03/2024 - Cabinet (Item 7.)"
    line in the content, or in the content's first ``.mgAiTitleTxt`` under a
    subtitle that is that line.
    """
    if content is None or content.child is None:
        return title, []
    number = None
    in_title = _ITEM_OF_MEETING.search(title) if title else None
    match = in_title or _ITEM_OF_MEETING.search(content.text()[:3000])
    if match:
        number = match.group(1).rstrip(".")
    heading = content.css_first(".mgAiTitleTxt") if in_title else None
    if heading is not None:
        title = clean_title(heading.text()) or None
        heading.insert_after(_OPEN)
    else:
        content.child.insert_before(_OPEN)
    content.insert_child(_CLOSE)
    return title, [(number, title, document_links(content, base, known))]


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,3}[A-Za-z]?\.?|\d{1,3}/\d{2,4}|[A-Z]\d{0,2}\.?)\s*$")
# "Meeting: 03/02/2022 - Overview and Scrutiny Committee (Item 52.)" heads an item page.
_ITEM_OF_MEETING = re.compile(
    r"Meeting:\s*\d{1,2}/\d{1,2}/\d{4}\s*-\s*[^\n]+?\(Item\s+([\w/.]+?)\.?\)"
)

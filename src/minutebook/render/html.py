"""Serialising a page as HTML in ModernGov's markup; all text is escaped.

>>> from minutebook.models import Meeting
>>> from minutebook.render.blocks import Heading, Para, Word
>>> page = html_page(Meeting(committee="Cabinet"), "Minutes - Cabinet",
...                  [Heading("Cabinet", "h2"), Word([Para("Fees & charges were noted.")])])
>>> print(page[page.index('<div class="mgContent">'):page.index('<div class="mgFooter">')])
<div class="mgContent">
<div class="mgWordPara"><div class="WordSection1">
<p class="MsoNormal">Fees &amp; charges were noted.</p>
</div></div>
</div>
<BLANKLINE>
"""

from __future__ import annotations

import html

from minutebook.models import Meeting
from minutebook.render.blocks import Block, Bullets, Docs, Heading, Lines, Para, Row

__all__ = ["html_page"]

_E = html.escape
_WORD_INDENT = "margin-left:36.0pt;text-indent:-36.0pt"
_WORD_BULLET = (
    '<p class="MsoListParagraph" style="margin-left:36.0pt;text-indent:-18.0pt">'
    '<span style="font-family:Symbol">·</span>'
    '<span style="font:7.0pt &quot;Times New Roman&quot;">'
    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
)


def _mg(text: str) -> str:
    """Escape as ModernGov does in headings, where ``:`` and ``/`` become entities."""
    return _E(text).replace(":", "&#58;").replace("/", "&#47;")


def _bold_lead(text: str, lead: str) -> str:
    if lead and text.startswith(lead):
        return f"<b>{_E(lead)}</b>{_E(text[len(lead):])}"
    return _E(text)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        if block.kind == "banner":
            return f'<div class="councilBanner"><p class="councilName">{_E(block.text)}</p></div>'
        if block.kind == "h1":
            return f'<div class="mgHeader"><h1 class="mgMainTitleTxt">{_E(block.text)}</h1></div>'
        if block.kind == "h2":
            return f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{_mg(block.text)}</h2></div>'
        if block.kind == "title" and block.url:
            link = f'<a class="mgAiTitleLnk" href="{_E(block.url)}">{_E(block.text)}</a>'
            return f'<p class="mgAiTitleTxt">{link}</p>'
        if block.kind == "title":
            return f'<p class="mgAiTitleTxt">{_E(block.text)}</p>'
        if block.kind == "section":
            return f'<p class="MsoNormal"><b><u>{_E(block.text)}</u></b></p>'
        return f'<p class="mgSubItemTitleTxt">{_mg(block.text)}</p>'
    if isinstance(block, Para):
        if block.number:
            return (f'<p class="MsoNormal" style="{_WORD_INDENT}">{_E(block.number)}'
                    f'<span style="mso-tab-count:1">&nbsp;&nbsp;&nbsp;&nbsp; </span>'
                    f"{_bold_lead(block.text, block.bold_lead)}</p>")
        return f'<p class="MsoNormal">{_bold_lead(block.text, block.bold_lead)}</p>'
    if isinstance(block, Bullets):
        labels = block.bold_labels or [""] * len(block.items)
        shown = [_bold_lead(t, b) for t, b in zip(block.items, labels, strict=True)]
        if block.word:
            return "\n".join(f"{_WORD_BULLET}{x}</p>" for x in shown)
        return "<ul>" + "".join(f"<li>{x}</li>" for x in shown) + "</ul>"
    if isinstance(block, Lines):
        lines = [f'<p class="MsoNormal">{_bold_lead(block.lead, block.bold_lead)}</p>']
        lines += [f'<p class="MsoNormal" style="margin-left:36.0pt">{_E(x)}</p>'
                  for x in block.lines]
        return "\n".join(lines)
    if isinstance(block, Docs):
        lis = "".join(
            f'<li><a href="{_E(url or "#")}" title="{_E("Link to document " + title)}">'
            f"{_E(title)}</a></li>"
            for title, url in block.docs
        )
        return f'<ul class="mgBulletList">{lis}</ul>'
    if isinstance(block, Row):
        cell = "\n".join(_html_block(b) for b in block.blocks)
        number = f'<p class="mgAiTitleTxt">{_E(block.number)}</p>'
        return f'<tr><td class="mgItemNumberCell">{number}</td><td>{cell}</td></tr>'
    inner = "\n".join(_html_block(b) for b in block.blocks)
    return f'<div class="mgWordPara"><div class="WordSection1">\n{inner}\n</div></div>'


def html_page(meeting: Meeting, title: str, page: list[Block]) -> str:
    """The whole HTML document: head with Dublin Core metadata, body in ``#modgov``."""
    banner = [b for b in page if isinstance(b, Heading) and b.kind == "banner"]
    head = [b for b in page if isinstance(b, Heading) and b.kind in ("h1", "h2")]
    rest = [b for b in page if b not in banner and b not in head]
    content: list[str] = []
    rows: list[str] = []
    for block in rest:
        if isinstance(block, Row):
            rows.append(_html_block(block))
            continue
        if rows:
            content.append(_item_table(rows))
            rows = []
        if isinstance(block, Heading) and block.text == "Items":
            continue
        content.append(_html_block(block))
    if rows:
        content.append(_item_table(rows))
    meta = [f'<meta name="DC.title" content="{_E(title)}">']
    if meeting.council:
        meta.append(f'<meta name="DC.publisher" content="{_E(meeting.council)}">')
    if meeting.date:
        meta.append(f'<meta name="DC.date" scheme="W3CDTF" content="{meeting.date.isoformat()}">')
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><!-- Modern.gov Reverse CMS -->',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_E(title)}</title>",
        *meta,
        "</head>",
        "<body>",
        *[_html_block(b) for b in banner],
        '<div id="modgov">',
        *[_html_block(b) for b in head],
        '<div class="mgContent">',
        *content,
        "</div>",
        '<div class="mgFooter"></div>',
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _item_table(rows: list[str]) -> str:
    return ('<table class="mgItemTable" summary="Items">\n'
            '<tr><th>No.</th><th>Item</th></tr>\n' + "\n".join(rows) + "\n</table>")

"""Serialising a page as plain text: the minutes as a reader sees them.

>>> from minutebook.render.blocks import Bullets, Heading
>>> print(text_page([Heading("Minutes:", "label"), Bullets(["Parking", "Fees"])]), end="")
Minutes:
<BLANKLINE>
·  Parking
·  Fees
"""

from __future__ import annotations

from minutebook.render.blocks import Block, Bullets, Docs, Heading, Lines, Para, Row

__all__ = ["text_page"]


def text_page(page: list[Block]) -> str:
    """The page's blocks with a blank line between each, as ``render_text`` prints them."""
    return "\n\n".join(_text_block(b) for b in page) + "\n"


def _text_block(block: Block) -> str:
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Para):
        return f"{block.number} {block.text}" if block.number else block.text
    if isinstance(block, Bullets):
        return "\n".join(f"·  {line}" for line in block.items)
    if isinstance(block, Lines):
        return "\n".join([block.lead, *block.lines])
    if isinstance(block, Docs):
        return "\n".join(f"·  {title}" for title, _ in block.docs)
    if isinstance(block, Row):
        cells = ([block.number] if block.number else []) + [_text_block(b) for b in block.blocks]
        return "\n\n".join(cells)
    return "\n\n".join(_text_block(b) for b in block.blocks)

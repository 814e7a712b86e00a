"""HTML elements to plain text with paragraph breaks.

Block elements (p, div, li, headings, blockquote, table rows) and ``<br>`` end a paragraph;
inline elements flow into the text. Elements matched by ``drop`` selectors, scripts, styles and
comments are skipped (their tail text is kept). Drop selectors are CSS, or XPath when
prefixed "xpath:". The tree is not modified.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from lxml import etree
from parsel import Selector

from crawlers.text.boilerplate import BOILERPLATE_SELECTORS, normalize_whitespace

log = logging.getLogger(__name__)

_BLOCKS = (
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote table tr section article header footer "
    "figure figcaption pre dl dt dd aside address center"
)
BLOCK_TAGS = frozenset(_BLOCKS.split())
_SKIPPED = "script style noscript iframe template svg head select option"
SKIP_TAGS = frozenset(_SKIPPED.split())


def _walk(top: etree._Element, skip: set[etree._Element], out: list[str]) -> None:
    """Depth-first text walk with an explicit stack (deeply nested pages cannot overflow)."""
    stack: list[tuple[etree._Element, bool]] = [(top, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if closing:
            if tag in BLOCK_TAGS:
                out.append("\n")
            if node.tail:
                out.append(node.tail)
            continue
        if tag is None or node in skip or tag in SKIP_TAGS:
            if node.tail:
                out.append(node.tail)
            continue
        if tag == "br" or tag in BLOCK_TAGS:
            out.append("\n")
        if node.text:
            out.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))


def element_text(selector: Selector, drop: Iterable[str] = (), *, default_drop: bool = True) -> str:
    """Text of one element: paragraphs separated by "\\n\\n", whitespace normalised."""
    root = selector.root
    if not isinstance(root, etree._Element):
        return normalize_whitespace(str(root or ""))
    selectors = (*BOILERPLATE_SELECTORS, *drop) if default_drop else tuple(drop)
    skip: set[etree._Element] = set()
    for query in selectors:
        found = selector.xpath(query[6:]) if query.startswith("xpath:") else selector.css(query)
        skip.update(s.root for s in found if s.root is not root)
    out: list[str] = []
    if root.text:
        out.append(root.text)
    for child in root:
        _walk(child, skip, out)
    return normalize_whitespace("".join(out))


def texts(selector: Selector, drop: Iterable[str] = ()) -> str:
    """Text of every element in a SelectorList-like iterable, joined as paragraphs."""
    parts = [element_text(s, drop) for s in selector]
    return "\n\n".join(p for p in parts if p)

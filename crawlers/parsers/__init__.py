"""Article extraction from saved or fetched HTML pages of Indonesian outlets.

``parse_article(html, url)`` picks the outlet parser by ``outlet`` or by the URL's host
(``outlet_for_url``), tries its template versions newest first and falls back to JSON-LD and
then trafilatura. See docs/parsers.md.
"""

from crawlers.parsers.extract import parse_article
from crawlers.parsers.model import ParsedArticle, ParseError
from crawlers.parsers.registry import outlet_for_url

__all__ = ["ParseError", "ParsedArticle", "outlet_for_url", "parse_article"]

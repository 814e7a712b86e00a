"""Reported statements: who said what, direct ("...," kata X) and indirect (X mengatakan ...).

``extract_quotes(text, entities, officials)`` returns the statements of an article with their
speakers resolved across it (pronouns and clitics point to the last established speaker,
partial names to the full name the article introduced). See ``extractor.py``.
"""

from nlp.quotes.extractor import extract_quotes

__all__ = ["extract_quotes"]

"""The extraction contract: text in, entities / officials / organizations / violations out.

``pantau extract`` reads JSONL ``{"id", "text"[, "title"]}`` and writes one JSON line per
input in the shape documented in docs/ARCHITECTURE.md. A record that cannot be processed
gets an ``error`` field; the batch goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.coref import link_names
from nlp.keyword_lists import WatchedLists
from nlp.keywords import KeywordMatcher
from nlp.pipeline import MAX_CHARS, build_pipeline, pipeline_name
from store.records import Analysis

log = logging.getLogger(__name__)

# C0/C1 control characters other than tab and newlines: replaced by spaces so that
# character offsets into the original text stay valid.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BATCH_SIZE = 16  # records per nlp.pipe batch in extract_records


class ExtractionError(ValueError):
    """A record is not valid input for the extractor."""


def clean_text(text: str) -> str:
    return _CONTROL.sub(" ", text)


def doc_to_dict(doc: Doc) -> dict[str, Any]:
    ents = []
    for e in doc.ents:
        item: dict[str, Any] = {
            "text": e.text,
            "label": e.label_,
            "start": e.start_char,
            "end": e.end_char,
        }
        if e.kb_id_:
            item["code"] = e.kb_id_
        ents.append(item)
    organizations = doc._.organizations or []
    link_names(ents, organizations)
    return {
        "entities": ents,
        "officials": doc._.officials or [],
        "organizations": organizations,
        "regions": doc._.regions or [],
        "violations": doc._.violations or [],
        "mentioned_violations": doc._.mentioned_violations or [],
        "denied_violations": doc._.denied_violations or [],
        "quotes": doc._.quotes or [],
        "keywords": doc._.keywords or [],
    }


class Extractor:
    """Holds one loaded pipeline; safe to reuse for many texts."""

    def __init__(
        self,
        nlp: Language | None = None,
        model: str = "auto",
        backend: str | None = None,
        keywords_file: Path | None = None,
    ) -> None:
        self.nlp = nlp or build_pipeline(model, backend=backend)
        self.name = pipeline_name(self.nlp)
        self._keywords = WatchedLists(keywords_file)

    def _refresh_keywords(self) -> None:
        lists = self._keywords.changed()
        if lists is not None and "pantau_keywords_v1" in self.nlp.pipe_names:
            flagger = self.nlp.get_pipe("pantau_keywords_v1")
            flagger.matcher = KeywordMatcher(lists)  # type: ignore[attr-defined]

    def _doc(self, text: str, title: str | None) -> Doc:
        doc = self.nlp.make_doc(clean_text(text))
        if title:
            doc.user_data["title"] = clean_text(title)
        return doc

    def extract(self, text: str, title: str | None = None) -> dict[str, Any]:
        _check_length(text)
        self._refresh_keywords()
        doc = self._doc(text, title)
        for _name, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc_to_dict(doc)

    def analysis(self, text: str, title: str | None = None) -> Analysis:
        return Analysis.model_validate({**self.extract(text, title), "pipeline": self.name})

    def extract_records(
        self, records: Iterable[dict[str, Any]], batch_size: int = BATCH_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Contract output for each input record; errors become an ``error`` field.

        Records go through the pipeline in batches of ``batch_size`` (the statistical NER is
        faster on batches); keyword lists are re-read between batches. The output is the same
        as ``extract`` record by record.
        """
        stream = iter(records)
        while batch := list(islice(stream, batch_size)):
            yield from self._extract_batch(batch)

    def _extract_batch(self, records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        self._refresh_keywords()
        results: list[dict[str, Any] | None] = []
        inputs: list[tuple[int, str, str | None]] = []
        for record in records:
            try:
                text, title = _record_input(record)
            except ExtractionError as exc:
                results.append({"id": record.get("id"), "error": str(exc)})
                continue
            inputs.append((len(results), text, title))
            results.append(None)
        try:
            docs = self.nlp.pipe(
                (self._doc(text, title) for _, text, title in inputs),
                batch_size=max(1, len(inputs)),
            )
            for (k, _, _), doc in zip(inputs, docs, strict=True):
                results[k] = {"id": records[k].get("id"), **doc_to_dict(doc)}
        except Exception:  # one bad record must not stop the batch: redo it record by record
            log.debug("batch failed; extracting its records one by one", exc_info=True)
            for k, text, title in inputs:
                results[k] = self._extract_one(records[k].get("id"), text, title)
        for result in results:
            assert result is not None
            yield result

    def _extract_one(self, rid: Any, text: str, title: str | None) -> dict[str, Any]:
        try:
            return {"id": rid, **self.extract(text, title)}
        except Exception as exc:
            log.exception("extraction failed for record %r", rid)
            return {"id": rid, "error": f"extraction failed: {type(exc).__name__}: {exc}"}


def _check_length(text: str) -> None:
    if len(text) > MAX_CHARS:
        raise ExtractionError(
            f"text has {len(text):,} characters; the limit is {MAX_CHARS:,}. Split it first."
        )


def _record_input(record: dict[str, Any]) -> tuple[str, str | None]:
    """(text, title) of an input record, or ExtractionError when it is not valid input."""
    text = record.get("text")
    if not isinstance(text, str):
        raise ExtractionError("each record needs a string field 'text'")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise ExtractionError("'title' must be a string when given")
    _check_length(text)
    return text, title


# --- several processes -------------------------------------------------------------------------
# ``pantau extract --workers N`` sends chunks of records to N processes, each holding its own
# Extractor (spaCy pipelines are not shared between processes). Chunks come back in input order.

_worker_extractor: Extractor | None = None


def _init_worker(model: str, keywords_file: Path | None) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(model=model, keywords_file=keywords_file)


def _extract_chunk(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert _worker_extractor is not None, "worker not initialised"
    return list(_worker_extractor.extract_records(records))


def extract_parallel(
    chunks: Iterable[list[dict[str, Any]]],
    model: str,
    keywords_file: Path | None = None,
    workers: int = 2,
) -> Iterator[list[dict[str, Any]]]:
    """The results of each chunk of records, in input order, computed by ``workers`` processes.

    At most ``2 * workers`` chunks are in flight, so a long input is streamed, not loaded.
    Workers are started with "spawn" (no state copied from this process) and each loads the
    pipeline once; a worker that dies makes the whole run fail with a clear error.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(model, keywords_file)
    ) as pool:
        pending: deque[Future[list[dict[str, Any]]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

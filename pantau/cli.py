"""The ``pantau`` command: one entry point for every job."""

from __future__ import annotations

import json
import logging
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import click
from pydantic import ValidationError

from pantau.settings import Settings, SettingsError

log = logging.getLogger("pantau")


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        lines = [
            f"  PANTAU_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        ]
        raise click.ClickException("invalid settings:\n" + "\n".join(lines)) from None


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _open_store(settings: Settings) -> Any:
    from store.base import StoreError
    from store.factory import open_store

    try:
        if settings.resolved_store_url.startswith("sqlite:"):
            settings.ensure_data_dir()
        return open_store(settings.resolved_store_url)
    except (StoreError, SettingsError) as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
@click.version_option(package_name="pantau")
def main() -> None:
    """Pantau: watch Indonesian news for election coverage."""


@main.command()
def run() -> None:
    """The main job: API + web pages, scheduled crawls and analysis, on the configured store."""
    from pantau.runner import Runner

    settings = _settings()
    _setup_logging(settings.log_level)
    store = _open_store(settings)
    Runner(settings, store).run_forever()


@main.command()
@click.option("--host", default=None, help="Bind address (default: PANTAU_HOST).")
@click.option("--port", default=None, type=int, help="Port (default: PANTAU_PORT).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the JSON API and the web pages only (no crawling or analysis)."""
    import uvicorn

    from api.app import create_app

    settings = _settings()
    _setup_logging(settings.log_level)
    app = create_app(settings, _open_store(settings))
    uvicorn.run(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
        access_log=False,  # api.app logs each request with its request id
    )


@main.command()
@click.option(
    "--source", "sources", multiple=True, help="Source name from the registry (repeatable)."
)
@click.option("--all", "all_sources", is_flag=True, help="Every enabled source.")
@click.option(
    "--host-map", default=None, help="Fetch every URL from this local server (tests, demos)."
)
@click.option(
    "--resume",
    is_flag=True,
    help="Keep the crawl's job state in the data dir; a stopped crawl run again with "
    "--resume continues where it stopped.",
)
@click.option(
    "--set",
    "scrapy_overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting, e.g. --set DOWNLOAD_TIMEOUT=5 (repeatable).",
)
def crawl(
    sources: tuple[str, ...],
    all_sources: bool,
    host_map: str | None,
    resume: bool,
    scrapy_overrides: tuple[str, ...],
) -> None:
    """Crawl sources into the store: feeds, and sitemaps and listings where the policy
    allows fetching article pages."""
    from crawlers.registry import RegistryError, load_registry
    from crawlers.run import run_crawl, select_sources

    settings = _settings()
    _setup_logging(settings.log_level)
    if not sources and not all_sources:
        raise click.UsageError("name at least one --source NAME, or pass --all")
    if settings.resolved_store_url.startswith("sqlite:"):
        try:
            settings.ensure_data_dir()
        except SettingsError as exc:
            raise click.ClickException(str(exc)) from None
    try:
        selected = select_sources(load_registry(settings.sources_file), list(sources), all_sources)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None
    overrides: dict[str, Any] = {"PANTAU_HOST_MAP": host_map} if host_map else {}
    for pair in scrapy_overrides:
        name, sep, raw = pair.partition("=")
        if not sep or not name:
            raise click.UsageError(f"--set takes NAME=VALUE, got {pair!r}")
        try:
            overrides[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[name.strip()] = raw
    stats = run_crawl(settings, selected, resume=resume, **overrides)
    summary = {k[len("pantau/") :]: v for k, v in sorted(stats.items()) if k.startswith("pantau/")}
    summary["_finish_reason"] = stats.get("finish_reason")
    click.echo(json.dumps(summary, indent=2, ensure_ascii=False))


@main.command()
@click.option("--limit", type=int, default=None, help="Analyze at most this many articles.")
def analyze(limit: int | None) -> None:
    """Run the NLP pipeline over articles waiting for analysis."""
    from alerts.service import AlertService
    from entities.linker import chain_hooks
    from entities.service import EntityService
    from pantau.analyze import analyze_pending

    settings = _settings()
    _setup_logging(settings.log_level)
    store = _open_store(settings)
    alerts = AlertService.open(settings, store)  # matches go to the outbox; `run` sends them
    linked = EntityService.open(settings, store)  # entities linked across articles
    counts = analyze_pending(
        store, _extractor(settings.model, settings.resolved_keywords_file), limit=limit,
        progress=True,
        after=chain_hooks(alerts.hook, linked.hook),
    )  # fmt: skip
    click.echo(json.dumps({"analyzed": counts.analyzed, "failed": counts.failed}))


def _records(stream: TextIO) -> Any:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"id": None, "text": None, "_error": f"line {number}: invalid JSON ({exc.msg})"}
            continue
        yield (
            record
            if isinstance(record, dict)
            else {"id": None, "_error": f"line {number}: not an object"}
        )


@main.command()
@click.option("--input", "input_file", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--output", "output_file", type=click.File("w", encoding="utf-8"), default="-")
@click.option("--model", default=None, help="NER model directory, 'auto' or 'none'.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes to extract with; each loads its own pipeline (about 0.5-0.7 GB).",
)
def extract(input_file: TextIO, output_file: TextIO, model: str | None, workers: int) -> None:
    """JSONL {"id","text"[,"title"]} in, the extraction contract out (stdin/stdout)."""
    settings = _settings()
    _setup_logging("WARNING")
    model = model or settings.model
    keywords_file = settings.resolved_keywords_file
    pending: deque[list[dict[str, Any]]] = deque()  # input chunks whose results are due

    def valid_records() -> Iterator[list[dict[str, Any]]]:
        for chunk in _chunks(_records(input_file), 64):
            pending.append(chunk)
            yield [r for r in chunk if "_error" not in r]

    if workers == 1:
        extractor = _extractor(model, keywords_file)
        results: Iterator[list[dict[str, Any]]] = (
            list(extractor.extract_records(good)) for good in valid_records()
        )
    else:
        from nlp.extract import extract_parallel
        from nlp.pipeline import ModelNotFoundError, find_model

        try:
            find_model(model)  # a bad --model fails here, not in every worker
        except ModelNotFoundError as exc:
            raise click.ClickException(str(exc)) from None
        results = extract_parallel(valid_records(), model, keywords_file, workers)
    try:
        for chunk_results in results:
            done = iter(chunk_results)
            for record in pending.popleft():
                if "_error" in record:
                    result = {"id": record.get("id"), "error": record["_error"]}
                else:
                    result = next(done)
                output_file.write(json.dumps(result, ensure_ascii=False) + "\n")
    except BrokenProcessPool as exc:
        raise click.ClickException(f"an extraction worker failed: {exc}") from None


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    stream = iter(records)
    while chunk := list(islice(stream, size)):
        yield chunk


def _extractor(model: str, keywords_file: Path | None = None) -> Any:
    """Load the pipeline, turning a missing or unusable model into a one-line error."""
    from nlp.backends.loading import TransformersModelError
    from nlp.extract import Extractor
    from nlp.pipeline import ModelNotFoundError

    try:
        return Extractor(model=model, keywords_file=keywords_file)
    except (ModelNotFoundError, TransformersModelError, OSError) as exc:
        raise click.ClickException(str(exc)) from None


@main.command("load-examples")
def load_examples_cmd() -> None:
    """Load the bundled fictional example articles into the store."""
    from pantau.demo import load_examples

    settings = _settings()
    click.echo(f"{load_examples(_open_store(settings))} new example articles")


@main.group()
def sources() -> None:
    """The sources registry and per-source crawl health."""


@sources.command("list")
def sources_list() -> None:
    from crawlers.registry import load_registry

    for s in load_registry(_settings().sources_file):
        state = "" if s.enabled else " (disabled)"
        click.echo(f"{s.name:24} {s.policy.value:15} {len(s.feeds)} feeds  {s.title}{state}")


@sources.command("status")
def sources_status() -> None:
    store = _open_store(_settings())
    for h in store.source_health():
        state = "ok" if h.ok else f"FAILING: {h.error}"
        counters = " ".join(f"{k}={v}" for k, v in sorted(h.counters.items()))
        click.echo(f"{h.source:24} {h.last_run:%Y-%m-%d %H:%M} {state}  {counters}")


from pantau.cli_nlp import nlp  # noqa: E402 - the nlp group lives in its own module

main.add_command(nlp)

from pantau.cli_alerts import alerts  # noqa: E402 - the alerts group lives in its own module

main.add_command(alerts)

from pantau.cli_entities import entities  # noqa: E402 - the entities group lives in its own module

main.add_command(entities)

from pantau.cli_keys import keys  # noqa: E402 - the keys group lives in its own module

main.add_command(keys)

if __name__ == "__main__":  # pragma: no cover
    main()

"""Typed settings, read from the environment (prefix ``PANTAU_``) and an optional ``.env``.

Every setting has a default or a clear error. README.md has a table of all of them; a test
keeps that table complete.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_SOURCES = REPO_ROOT / "crawlers" / "sources.yaml"


def _default_shared_data() -> Path:
    return REPO_ROOT.parent / "shared" / "data"


class Settings(BaseSettings):
    """Pantau's configuration. Field docs are what the README table shows."""

    model_config = SettingsConfigDict(
        env_prefix="PANTAU_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "production", "test"] = Field(
        "development", description="Deployment kind; production refuses placeholder secrets."
    )
    data_dir: Path = Field(
        Path("var"), description="Directory for the SQLite store, crawl state and logs."
    )
    store_url: str | None = Field(
        None,
        description="Store backend URL: sqlite:///FILE (default: DATA_DIR/pantau.db), "
        "elasticsearch://HOST:PORT or opensearch://HOST:PORT.",
    )
    shared_data: Path = Field(
        default_factory=_default_shared_data,
        description="Read-only shared data (feeds, pages, NER data, eval sets); used by "
        "tests, training and the offline demo crawl.",
    )
    sources_file: Path = Field(
        PACKAGE_SOURCES, description="Sources registry (YAML): outlets, feeds, policies."
    )
    model: str = Field(
        "auto",
        description="spaCy NER model directory, 'auto' (newest under models/) or 'none' "
        "(rules only).",
    )
    ner_backend: Literal["spacy", "transformers"] = Field(
        "spacy",
        description="Statistical NER: spacy (the PANTAU_MODEL pipeline) or transformers "
        "(PANTAU_TRANSFORMERS_MODEL).",
    )
    transformers_model: str | None = Field(
        None,
        description="Local Hugging Face token-classification model directory for "
        "PANTAU_NER_BACKEND=transformers (never downloaded at run time).",
    )
    transformers_labels: str | None = Field(
        None,
        description='JSON object merged over the default label table, e.g. {"PERSON": "PER", '
        '"MISC": null}.',
    )
    transformers_device: str = Field(
        "auto", description="Device of the transformers models: auto (GPU when present), cpu, "
        "cuda or cuda:N.",
    )  # fmt: skip
    transformers_batch_size: int = Field(
        8, ge=1, le=1024, description="Windows per forward pass of the transformers NER."
    )
    transformers_max_length: int = Field(
        512, ge=16, le=8192, description="Tokens per window of the transformers NER."
    )
    transformers_stride: int = Field(
        128, ge=0, le=4096, description="Tokens of overlap between neighbouring windows."
    )
    violation_classifier: str | None = Field(
        None,
        description="Local sequence-classification or NLI model directory used as an extra "
        "signal on rule-found violations (unset: rules only).",
    )
    officials_model: str = Field(
        "auto",
        description="Learned officials model (CRF tagger + link model): a directory, 'auto' "
        "(newest pantau-officials-id-* under models/) or 'none' (the rule linker alone).",
    )
    officials_min_confidence: float = Field(
        0.0,
        ge=0.0,
        le=1.0,
        description="Officials below this link confidence are not output (pages, facets, API).",
    )
    violation_model: str = Field(
        "auto",
        description="Learned violation classifier: a directory with model.json, 'auto' (newest "
        "pantau-violations-id-* under models/) or 'none' (the pattern layer decides alone).",
    )
    violation_threshold: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Report probability a category needs to be reported (unset: the model's "
        "precision-first default from its card).",
    )
    keywords_file: Path | None = Field(
        None,
        description="YAML file of flagged keyword lists (list name: keywords); default "
        "DATA_DIR/keywords.yaml. Edited through /api/v1/keywords.",
    )
    crawl_interval_minutes: int = Field(
        30, ge=1, le=24 * 60, description="Minutes between scheduled crawls in `pantau run`."
    )
    analyze_interval_seconds: int = Field(
        10, ge=1, le=3600, description="Seconds between analysis passes in `pantau run`."
    )
    crawl_on_start: bool = Field(True, description="Crawl once when `pantau run` starts.")
    load_examples: bool = Field(
        True, description="Load the bundled fictional example articles into an empty store."
    )
    host: str = Field("127.0.0.1", description="Address the API and web pages bind to.")
    port: int = Field(8000, ge=1, le=65535, description="Port the API and web pages bind to.")
    user_agent: str = Field(
        "PantauBot/0.1 (+https://github.com/pantau-id/pantau; election news monitor)",
        description="User agent the crawler sends; must include a contact URL.",
    )
    download_delay: float = Field(
        2.0, ge=0, description="Seconds between requests to one site (AutoThrottle's start)."
    )
    crawl_host_map: str | None = Field(
        None,
        description="Send every crawl request to this local server instead (tests, offline "
        "demos; see crawlers/localserver.py). Leave unset in production.",
    )
    webhook_allow_private: bool = Field(
        False,
        description="Allow alert webhooks to private, loopback and link-local addresses "
        "(tests, trusted internal networks).",
    )
    alerts_timeout_seconds: float = Field(
        10.0, gt=0, le=120, description="Timeout of one webhook or SMTP delivery attempt."
    )
    alerts_max_attempts: int = Field(
        8, ge=1, le=50, description="Delivery attempts before an alert is dead-lettered."
    )
    alerts_backoff_seconds: float = Field(
        2.0, gt=0, description="First retry delay; doubles per attempt, with jitter."
    )
    alerts_poll_seconds: float = Field(
        1.0, gt=0, le=60, description="Seconds between outbox polls of the delivery worker."
    )
    alerts_workers: int = Field(
        4, ge=1, le=64, description="Deliveries sent in parallel by the delivery worker."
    )
    smtp_host: str | None = Field(None, description="SMTP server for e-mail alerts (unset: off).")
    smtp_port: int = Field(587, ge=1, le=65535, description="SMTP server port.")
    smtp_user: str | None = Field(None, description="SMTP login user (unset: no login).")
    smtp_password: SecretStr | None = Field(None, description="SMTP login password.")
    smtp_from: str = Field("pantau@localhost", description="Sender address of e-mail alerts.")
    smtp_starttls: bool = Field(True, description="Upgrade the SMTP connection with STARTTLS.")
    api_auth: Literal["off", "on"] = Field(
        "off",
        description="API keys: off (everything open; the embedded default on 127.0.0.1) or on "
        "(keys required; see docs/api.md).",
    )
    api_rate_per_minute: int = Field(
        600, ge=1, le=1_000_000, description="Requests per minute per API key (auth on)."
    )
    api_rate_burst: int = Field(
        60, ge=1, le=100_000, description="Requests an API key may send at once (bucket size)."
    )
    cors_origins: str = Field(
        "",
        description="Comma-separated origins allowed to call the API from browsers "
        "(unset: none; * for any).",
    )
    log_level: str = Field("INFO", description="Logging level: DEBUG, INFO, WARNING, ERROR.")
    secret_key: str = Field(
        "changethis",
        description="Secret for signing tokens; must be changed outside development.",
    )

    @field_validator("user_agent")
    @classmethod
    def _contact_url(cls, value: str) -> str:
        if "http://" not in value and "https://" not in value:
            raise ValueError("the user agent must include a contact URL (http:// or https://)")
        return value

    @field_validator("transformers_device")
    @classmethod
    def _device(cls, value: str) -> str:
        if value not in ("auto", "cpu", "cuda") and not re.fullmatch(r"cuda:\d+", value):
            raise ValueError("transformers device must be auto, cpu, cuda or cuda:N")
        return value

    @field_validator("transformers_labels")
    @classmethod
    def _label_table(cls, value: str | None) -> str | None:
        if value:
            from nlp.backends.labels import parse_table  # spaCy-heavy: only when a table is set

            parse_table(value)  # the backend's own parser: one set of rules and messages
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("log level must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return value.upper()

    @model_validator(mode="after")
    def _no_placeholders_in_production(self) -> Settings:
        if self.environment == "production" and self.secret_key == "changethis":
            raise ValueError(
                "PANTAU_SECRET_KEY is still the placeholder 'changethis'; set a random value "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)"
            )
        return self

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def resolved_keywords_file(self) -> Path:
        return self.keywords_file or self.data_dir / "keywords.yaml"

    @property
    def resolved_store_url(self) -> str:
        return self.store_url or f"sqlite:///{(self.data_dir / 'pantau.db').resolve()}"

    def ensure_data_dir(self) -> Path:
        """Create the data directory and check it is writable, with an actionable error."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SettingsError(
                f"cannot create the data directory {self.data_dir} ({exc.strerror}); "
                "set PANTAU_DATA_DIR to a writable directory"
            ) from exc
        if not os.access(self.data_dir, os.W_OK):
            raise SettingsError(
                f"the data directory {self.data_dir} is not writable; set PANTAU_DATA_DIR "
                "to a writable directory"
            )
        return self.data_dir


class SettingsError(Exception):
    """Configuration is invalid; the message says which setting and what to do."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

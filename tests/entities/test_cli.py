"""``pantau entities rebuild`` re-links every analyzed article of the configured store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from entities.listing import EntityFilter, list_entities
from pantau.cli import main
from tests.entities.fixtures import linked_store, person


def test_rebuild_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with linked_store(tmp_path) as linked:
        with linked.service.db.write() as conn:
            conn.execute("DELETE FROM ent_link")
        monkeypatch.setenv("PANTAU_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("PANTAU_STORE_URL", f"sqlite:///{tmp_path / 'pantau.db'}")
        result = CliRunner().invoke(main, ["entities", "rebuild"])
        assert result.exit_code == 0, result.output
        # the progress bar (stderr) shares the captured output; the summary comes last
        assert json.loads(result.output[result.output.rindex("{") :]) == {"linked": 7}
        items, _ = list_entities(linked.service.db.conn(), EntityFilter(q="Fathul"))
        assert [(i.id, i.articles) for i in items] == [(person("Fathul Qorib"), 3)]

"""At-least-once delivery across a crash: a `pantau alerts deliver` process is killed
(SIGKILL) mid-delivery; after a restart every alert has reached the receiver, and anything
received twice carried the same Idempotency-Key and body."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from alerts.service import AlertService
from store.sqlite import SQLiteStore
from tests.alerts.conftest import analyzed, settings_for, subscribe
from tests.alerts.receiver import Receiver
from tests.conftest import REPO
from tests.store.samples import article


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANTAU_")}
    env.update({
        "PANTAU_DATA_DIR": str(tmp_path),
        "PANTAU_STORE_URL": f"sqlite:///{tmp_path / 'pantau.db'}",
        "PANTAU_WEBHOOK_ALLOW_PRIVATE": "true",
        "PANTAU_ALERTS_TIMEOUT_SECONDS": "1",
        "PANTAU_ALERTS_POLL_SECONDS": "0.05",
        "PANTAU_ALERTS_WORKERS": "3",
        "PANTAU_LOG_LEVEL": "WARNING",
    })  # fmt: skip
    return env


@pytest.mark.slow
def test_killed_worker_loses_nothing_and_duplicates_keep_their_key(tmp_path: Path) -> None:
    receiver = Receiver(respond=lambda r: (200, 0.1)).start()
    store = SQLiteStore(tmp_path / "pantau.db")
    svc = AlertService.open(settings_for(tmp_path), store)
    subs = [subscribe(svc, {"query": "pemilu"}, {"type": "webhook", "url": receiver.url})
            for _ in range(3)]  # fmt: skip
    articles = [article(n, body=f"Pemilu nomor {n}.") for n in range(1, 13)]
    for a in articles:
        analyzed(svc, a)
    expected = {row[0] for row in svc.db.conn().execute("SELECT id FROM deliveries")}
    assert len(expected) == 36
    svc.close()
    store.close()
    cmd = [sys.executable, "-m", "pantau", "alerts", "deliver"]
    try:
        worker = subprocess.Popen(cmd, cwd=REPO, env=_env(tmp_path))
        receiver.wait_for(10, timeout=30)
        worker.send_signal(signal.SIGKILL)  # mid-delivery: three requests are in flight
        worker.wait(10)
        assert len(receiver.received) < 36
        time.sleep(4.5)  # leases of the killed worker expire (2 × timeout + 2 s)
        done = subprocess.run([*cmd, "--once"], cwd=REPO, env=_env(tmp_path), timeout=60,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    finally:
        receiver.stop()
    bodies: dict[str, set[bytes]] = defaultdict(set)
    for r in receiver.received:
        bodies[r.key].add(r.body)
        assert r.json["delivery_id"] == r.key
    print(f"received {len(receiver.received)} requests for {len(expected)} alerts")
    assert set(bodies) == expected  # every alert arrived ...
    assert all(len(b) == 1 for b in bodies.values())  # ... duplicates only as the same message
    got = {(r.json["subscription"]["id"], r.json["matches"][0]["article"]["id"])
           for r in receiver.received}  # fmt: skip
    assert got == {(s.id, a.id) for s in subs for a in articles}
    check = AlertService.open(settings_for(tmp_path), SQLiteStore(tmp_path / "pantau.db"))
    assert check.outbox.stats() == {"delivered": 36}
    check.close()

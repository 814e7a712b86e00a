"""Build and run real OpenSearch / Elasticsearch nodes for the tests (no Docker, no tarballs).

The Java launchers in ``launcher/`` boot a node in-process from Maven Central jars; this module
builds them with Maven (into ``launcher/target/``, gitignored), starts a node on a free loopback
port with a temporary home, waits for cluster health and stops it on exit. See
``docs/ARCHITECTURE.md`` and ``../shared/docs/SEARCH_NODE.md`` for the background.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

LAUNCHER_DIR = Path(__file__).resolve().parent / "launcher"
HOW_TO_ENABLE = (
    "install a JDK (17+ for OpenSearch, 21+ for Elasticsearch) and Maven, or point "
    "PANTAU_JAVA_HOME / PANTAU_ES_JAVA_HOME at one; then run tests/engines/build.sh"
)


class EngineUnavailable(RuntimeError):
    """Java or Maven is missing, so this engine cannot run here."""


@dataclass(frozen=True)
class Engine:
    name: str  # also the Maven profile and the folder under launcher/target/
    main_class: str
    min_java: int
    java_home_env: str
    jvm_flags: tuple[str, ...] = ()


OPENSEARCH = Engine("opensearch", "org.pantau.engines.OpenSearchLauncher", 17, "PANTAU_JAVA_HOME")
ELASTICSEARCH = Engine(
    "elasticsearch",
    "org.pantau.engines.ElasticsearchLauncher",
    21,
    "PANTAU_ES_JAVA_HOME",
    ("--enable-native-access=ALL-UNNAMED",),
)
ENGINES = {e.name: e for e in (OPENSEARCH, ELASTICSEARCH)}


def _java_major(java: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        ).stderr
    except OSError:
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def find_java_home(engine: Engine) -> Path:
    """A JDK home whose major version is at least ``engine.min_java`` (javac included)."""
    candidates: list[Path] = []
    for var in (engine.java_home_env, "JAVA_HOME"):
        if os.environ.get(var):
            candidates.append(Path(os.environ[var]))
    java_on_path = shutil.which("java")
    if java_on_path:
        candidates.append(Path(java_on_path).resolve().parent.parent)
    jvm_dir = Path("/usr/lib/jvm")
    if jvm_dir.is_dir():
        candidates.extend(sorted(jvm_dir.iterdir(), reverse=True))
    for home in candidates:
        java, javac = home / "bin" / "java", home / "bin" / "javac"
        if java.is_file() and javac.is_file():
            major = _java_major(java)
            if major is not None and major >= engine.min_java:
                return home
    raise EngineUnavailable(f"{engine.name} needs a JDK {engine.min_java}+: {HOW_TO_ENABLE}")


def build_launcher(engine: Engine, java_home: Path | None = None) -> str:
    """Build the launcher with Maven when its sources changed; return the Java classpath."""
    java_home = java_home or find_java_home(engine)
    mvn = shutil.which("mvn")
    target = LAUNCHER_DIR / "target" / engine.name
    stamp = target / "build.stamp"
    sources = [LAUNCHER_DIR / "pom.xml", *(LAUNCHER_DIR / "src" / engine.name).rglob("*.java")]
    newest = max(p.stat().st_mtime for p in sources)
    if not stamp.exists() or stamp.stat().st_mtime < newest:
        if mvn is None:
            raise EngineUnavailable(f"Maven (mvn) is not on PATH: {HOW_TO_ENABLE}")
        shutil.rmtree(target / "lib", ignore_errors=True)
        cmd = [mvn, "-B", "-q", "-P", engine.name, "package", "dependency:copy-dependencies"]
        log.info("building the %s launcher: %s", engine.name, " ".join(cmd))
        env = {**os.environ, "JAVA_HOME": str(java_home)}
        done = subprocess.run(
            cmd, cwd=LAUNCHER_DIR, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"mvn failed for {engine.name}:\n{done.stdout}\n{done.stderr}")
        stamp.touch()
    return os.pathsep.join(
        [str(next(target.glob("pantau-engine-launcher-*.jar"))), f"{target}/lib/*"]
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_json(url: str, timeout: float = 5.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return json.loads(resp.read())


JVM_FLAGS = [
    "-Xms512m",
    "-Xmx1g",
    "-XX:+UseSerialGC",
    "-Dlog4j2.disable.jmx=true",
    "-Dio.netty.noUnsafe=true",
    "-Dio.netty.recycler.maxCapacityPerThread=0",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
]


@dataclass
class SearchNode:
    """One node process; ``start()`` returns once the cluster answers health checks."""

    engine: Engine
    settings: dict[str, str] = field(default_factory=dict)
    http_port: int = field(default_factory=free_port)
    transport_port: int = field(default_factory=free_port)
    home: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pantau-node-")))
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def log_path(self) -> Path:
        return self.home / "node.log"

    def start(self, timeout: float = 180.0, wait_status: str = "yellow") -> SearchNode:
        java_home = find_java_home(self.engine)
        classpath = build_launcher(self.engine, java_home)
        args = {
            "path.home": str(self.home),
            "http.port": str(self.http_port),
            "transport.port": str(self.transport_port),
            **self.settings,
        }
        java = str(java_home / "bin" / "java")
        cmd = [java, *JVM_FLAGS, *self.engine.jvm_flags, "-cp", classpath, self.engine.main_class]
        cmd += [f"{k}={v}" for k, v in args.items()]
        with self.log_path.open("wb") as out:
            self.process = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        atexit.register(self.stop)
        self.wait_healthy(timeout, wait_status)
        log.info("%s node up at %s (home %s)", self.engine.name, self.url, self.home)
        return self

    def wait_healthy(self, timeout: float = 180.0, status: str = "yellow") -> None:
        deadline = time.monotonic() + timeout
        health = f"{self.url}/_cluster/health?wait_for_status={status}&timeout=1s"
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.engine.name} node exited:\n{self.log_tail()}")
            try:
                if not http_json(health).get("timed_out", True):
                    return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{self.engine.name} node not healthy in {timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the node (SIGTERM, then SIGKILL) and delete its home directory."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout)
        shutil.rmtree(self.home, ignore_errors=True)

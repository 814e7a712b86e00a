#!/usr/bin/env bash
# Build the search-node launchers ahead of the tests (.ci/run calls this).
# OpenSearch needs a JDK 17+; Elasticsearch 9 a JDK 21+ (e.g. /usr/lib/jvm/temurin-25-jdk-amd64,
# or set PANTAU_ES_JAVA_HOME). Outputs go to tests/engines/launcher/target/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${PYTHON:-.venv/bin/python}"
exec "$PY" - "$@" <<'PY'
import sys
from tests.engines.nodes import ENGINES, EngineUnavailable, build_launcher, find_java_home
from tests.engines.fixtures import in_ci

names = sys.argv[1:] or list(ENGINES)
failed = False
for name in names:
    engine = ENGINES[name]
    try:
        home = find_java_home(engine)
        build_launcher(engine, home)
        print(f"{name}: launcher built with {home}")
    except EngineUnavailable as exc:
        print(f"{name}: skipped: {exc}", file=sys.stderr)
        failed = failed or in_ci()
sys.exit(1 if failed else 0)
PY

#!/usr/bin/env bash
# Benchmarks (not tests): medians and ratios against a baseline measured in the same run.
#  1. in-process: the SOPS layer vs bare JDK AES-GCM over the same values (CryptoBench)
#  2. in-process: `render` vs `decrypt` of the same file at 1,000 / 10,000 / 100,000 keys (RenderBench)
#  3. scan-history on a generated 10,000-commit repository vs git streaming the same objects (ScanHistoryBench)
#  4. cold start: `secrets decrypt` of the demo file vs `java -version` (the JVM's own floor), with hyperfine
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package test-compile
cpfile="$(mktemp)"
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
rm -f "$cpfile"
java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.CryptoBench "${1:-1000}" "${2:-40}"
java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.RenderBench 1000 10000 100000
java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.ScanHistoryBench "${SCAN_COMMITS:-10000}" 5
if command -v hyperfine >/dev/null 2>&1; then
  json="$(mktemp)"
  SOPS_AGE_KEY_FILE=demo/demo-key.txt hyperfine -N --warmup 3 --runs 30 --export-json "$json" \
    'java -version' 'bin/secrets --version' 'bin/secrets decrypt demo/app.env.enc' \
    'bin/secrets render demo/app.env.enc' >/dev/null 2>&1
  python3 - "$json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
base = statistics.median(results[0]["times"])
print("cold start (30 runs each), medians; baseline = java -version in the same run")
for r in results:
    m = statistics.median(r["times"])
    print(f"  {r['command']:<45} {m * 1000:7.1f} ms  {m / base:5.2f}x baseline")
PY
  rm -f "$json"
else
  echo "(install hyperfine for the cold-start comparison: apt-get install -y hyperfine)"
fi

#!/usr/bin/env bash
# Benchmarks (not tests): medians and ratios against a baseline measured in the same run.
#  1. in-process: the SOPS layer vs bare JDK AES-GCM over the same values (CryptoBench)
#  2. cold start: `secrets decrypt` of the demo file vs `java -version` (the JVM's own floor), with hyperfine
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -q -B -DskipTests package test-compile
cp=$(mvn -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.CryptoBench "${1:-1000}" "${2:-40}"
if command -v hyperfine >/dev/null 2>&1; then
  SOPS_AGE_KEY_FILE=demo/demo-key.txt hyperfine -N --warmup 3 --runs 20 --export-markdown /dev/stdout \
    'java -version' 'bin/secrets decrypt demo/app.env.enc' 'bin/secrets --version' 2>/dev/null | sed -n '/^|/p'
else
  echo "(install hyperfine for the cold-start comparison: apt-get install -y hyperfine)"
fi

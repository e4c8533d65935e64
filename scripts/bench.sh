#!/usr/bin/env bash
# Benchmarks (not tests): medians and ratios against baselines measured in the same run.
#  1. in-process: the SOPS layer vs bare JDK AES-GCM over the same values (CryptoBench); `render` vs `decrypt`
#     of the same file at 1,000 / 10,000 / 100,000 keys (RenderBench); YAML parse+emit vs jackson-dataformat-yaml (YamlBench); scan-history on a generated 10,000-commit
#     repository vs git streaming the same objects (ScanHistoryBench)                          [skip: --cold-only]
#  2. cold start of bin/secrets (its start-up cache in place) for --version, render of 50 keys (also through picocli's
#     parser rather than cli/FastPath, and without the cache), decrypt of 1,000 and
#     10,000 keys, set on a 1,000-key file, edit with no change, key-name completion; against an empty main() on
#     the same JDK with the same flags (the JVM's floor), Go `age -d` and the sops-age peer (node) on the same data.
#     Wall time and peak RSS (wait4's ru_maxrss) of every run; rounds interleave the commands so drift hits all.
#     Writes bench/results/cold-start.md (a Markdown table) and prints it.
#  3. the git drivers, one cold JVM per call (scripts/bench-git.py): `git log -p` over 10 commits of a dotenv and a
#     YAML file with textconv vs `--no-textconv`, one textconv call vs `--version`, one merge-driver run.
#     Writes bench/results/git-drivers.md.
# Usage: bash scripts/bench.sh [--cold-only | --git-only] [RUNS]     (default 21 runs per command, after 2 warm-ups;
#        the git drivers get 7 runs, or RUNS with --git-only)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cold_only=""
if [ "${1:-}" = "--cold-only" ]; then cold_only=1; shift; fi
if [ "${1:-}" = "--git-only" ]; then
  shift
  [ -f target/secrets.jar ] || mvn -q -B -DskipTests package
  exec python3 scripts/bench-git.py "${1:-7}"
fi
runs="${1:-21}"
[ -f target/secrets.jar ] || mvn -q -B -DskipTests package
if [ -z "$cold_only" ]; then
  mvn -q -B -DskipTests test-compile
  cpfile="$(mktemp)"
  mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
  cp="$(cat "$cpfile")"
  rm -f "$cpfile"
  java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.CryptoBench 1000 40
  java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.RenderBench 1000 10000 100000
  java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.YamlBench 1000 40
  java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.YamlBench 10000 21
  java -cp "target/test-classes:target/classes:$cp" dev.secrets.bench.ScanHistoryBench "${SCAN_COMMITS:-10000}" 5
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The JDK the launcher picks (same rule as bin/secrets: JAVA_HOME, else the newest under /usr/lib/jvm).
jdk="${JAVA_HOME:-$(for d in /usr/lib/jvm/*/; do [ -x "$d/bin/java" ] && grep -h '^JAVA_VERSION=' "$d/release" \
  | sed "s|JAVA_VERSION=\"\([0-9]*\).*|\1 ${d%/}|"; done | sort -n | tail -n 1 | cut -d' ' -f2)}"
printf 'public class Empty { public static void main(String[] a) { } }\n' >"$work/Empty.java"
"$jdk/bin/javac" -d "$work" "$work/Empty.java"
bin/secrets keygen -o "$work/key.txt" 2>"$work/recipient"
recipient="$(sed -n 's/^Public key: //p' "$work/recipient")"
for n in 50 1000 10000; do
  for ((i = 0; i < n; i++)); do printf 'KEY_%05d=value-%05d-%s\n' "$i" "$i" "abcdefghijklmnopqrstuvwxyz0123456789"; done >"$work/p$n.env"
  bin/secrets encrypt --age "$recipient" "$work/p$n.env" -o "$work/e$n.env"
  age -r "$recipient" -o "$work/p$n.env.age" "$work/p$n.env"
done
cp "$work/e1000.env" "$work/set1000.env"
bin/secrets completion bash >"$work/completion.bash"
export SOPS_AGE_KEY_FILE="$work/key.txt" EDITOR=true
export BENCH_SOPS_AGE_KEY="$(grep '^AGE-SECRET-KEY' "$work/key.txt")"

python3 - "$runs" "$work" "$jdk" <<'PY'
import os, statistics, subprocess, sys, time
runs, work, jdk = int(sys.argv[1]), sys.argv[2], sys.argv[3]
java = f"{jdk}/bin/java"
flags = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:disable"]
node = ["node", "interop/sops-age-decrypt.mjs"]
have_node = os.path.isdir("interop/node_modules/sops-age") and subprocess.run(["which", "node"], capture_output=True).returncode == 0
cases = [  # (label, argv, extra env, expected exit codes)
    ("JVM floor: empty main() (same JDK, same flags)", [java, *flags, "-cp", work, "Empty"], {}, {0}),
    ("secrets --version", ["bin/secrets", "--version"], {}, {0}),
    ("secrets render, 50 keys", ["bin/secrets", "render", f"{work}/e50.env"], {}, {0}),
    ("secrets render, 50 keys, picocli's parser (--format=dotenv: not FastPath's)", ["bin/secrets", "render", f"{work}/e50.env", "--format=dotenv"], {}, {0}),
    ("secrets render, 50 keys, no start-up cache", ["bin/secrets", "render", f"{work}/e50.env"], {"SECRETS_NO_CDS": "1"}, {0}),
    ("secrets get, 50 keys", ["bin/secrets", "get", f"{work}/e50.env", "KEY_00007"], {}, {0}),
    ("secrets decrypt, 1,000 keys", ["bin/secrets", "decrypt", f"{work}/e1000.env"], {}, {0}),
    ("secrets decrypt, 10,000 keys", ["bin/secrets", "decrypt", f"{work}/e10000.env"], {}, {0}),
    ("secrets set, 1,000-key file", ["bin/secrets", "set", f"{work}/set1000.env", "KEY_00500", "new"], {}, {0}),
    ("secrets edit, unchanged (EDITOR=true), 1,000 keys", ["bin/secrets", "edit", f"{work}/e1000.env"], {}, {200}),
    ("completion: bash <Tab> on KEY (sed), 1,000 keys", ["bash", "-c", f"source {work}/completion.bash; COMP_WORDS=(secrets get {work}/e1000.env KEY_00); COMP_CWORD=3; _secrets"], {}, {0}),
    ("completion fallback: secrets __keys (JVM), 1,000 keys", ["bin/secrets", "__keys", f"{work}/e1000.env"], {}, {0}),
    ("Go age -d, 50 keys", ["age", "-d", "-i", f"{work}/key.txt", f"{work}/p50.env.age"], {}, {0}),
    ("Go age -d, 10,000 keys", ["age", "-d", "-i", f"{work}/key.txt", f"{work}/p10000.env.age"], {}, {0}),
]
if have_node:
    cases += [
        ("sops-age (node), 50 keys", [*node, f"{work}/e50.env"], {"SOPS_AGE_KEY": os.environ["BENCH_SOPS_AGE_KEY"]}, {0}),
        ("sops-age (node), 10,000 keys", [*node, f"{work}/e10000.env"], {"SOPS_AGE_KEY": os.environ["BENCH_SOPS_AGE_KEY"]}, {0}),
    ]

def once(argv, extra, ok):
    env = dict(os.environ, **extra)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code not in ok:
        sys.exit(f"bench: {argv} exited {code}: {err.decode()[:300]}")
    return elapsed, usage.ru_maxrss / 1024

for case in cases:          # warm-ups (the first also records the start-up cache)
    once(*case[1:]); once(*case[1:])
times = {c[0]: [] for c in cases}
rss = {c[0]: [] for c in cases}
for _ in range(runs):
    for label, argv, extra, ok in cases:
        t, m = once(argv, extra, ok)
        times[label].append(t); rss[label].append(m)
med = {k: statistics.median(v) for k, v in times.items()}
floor = med[cases[0][0]]
render = med["secrets render, 50 keys"]
version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
load = open("/proc/loadavg").read().split()[0]
lines = [
    "# Cold start, medians of the same run",
    "",
    f"`bash scripts/bench.sh` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {runs} runs each after 2 warm-ups,",
    f"commands interleaved round by round; JDK `{version}` ({jdk}); {os.cpu_count()} CPUs, load average {load} at the end.",
    "Floor = an empty `main()` on the same JDK with the launcher's JVM flags. Peak RSS from wait4 (the whole process).",
    "",
    "| command | median ms | × JVM floor | × render 50 | peak RSS MiB (median) |",
    "|---|---:|---:|---:|---:|",
]
for label, *_ in cases:
    lines.append(f"| {label} | {med[label] * 1000:.1f} | {med[label] / floor:.2f} | {med[label] / render:.2f} | {statistics.median(rss[label]):.1f} |")
lines += ["", "Targets (issue 11): render 50 ≤ 1.5× floor; decrypt 10,000 ≤ 3× render 50; render RSS ≤ 64 MiB; key completion ≤ 150 ms."]
text = "\n".join(lines) + "\n"
os.makedirs("bench/results", exist_ok=True)
open("bench/results/cold-start.md", "w").write(text)
print(text)
PY
python3 scripts/bench-git.py 7

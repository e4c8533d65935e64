#!/usr/bin/env python3
"""Benchmark (not a test) of the git drivers, which git runs as one cold JVM per call.

In one throw-away repository with a 10-commit history of one dotenv and one YAML file (each commit changes one
value with `secrets set`), medians of the same run, commands interleaved round by round:
  * `git log -p` of each file with the textconv driver, against the same `git log -p --no-textconv` (baseline);
    also with textconv through picocli's parser (`secrets --quiet git diff`, which cli/FastPath leaves to picocli);
  * one `secrets git diff FILE` (textconv) against `secrets --version` (the floor of any secrets run);
  * one run of the merge driver (`secrets git merge BASE OURS THEIRS NAME`, two branches setting different keys),
    for a dotenv and a YAML file.
Writes bench/results/git-drivers.md and prints it.
Usage: python3 scripts/bench-git.py [RUNS]   (default 7; bin/secrets must work: target/secrets.jar built)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
secrets = os.path.join(root, "bin", "secrets")
work = tempfile.mkdtemp(prefix="bench-git-")
env = dict(os.environ, HOME=work, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.com",
           GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.com", SOPS_AGE_KEY_FILE=f"{work}/key.txt")
repo = f"{work}/repo"


def run(argv, cwd=repo, stdin=None, ok=(0,)):
    p = subprocess.run(argv, cwd=cwd, env=env, input=stdin, capture_output=True)
    if p.returncode not in ok:
        sys.exit(f"bench-git: {argv} exited {p.returncode}: {p.stderr.decode()[:400]}")
    return p.stdout


def timed(argv, prepare=None):
    if prepare:
        prepare()
    start = time.perf_counter()
    run(argv)
    return time.perf_counter() - start


try:
    os.makedirs(repo)
    keygen = subprocess.run([secrets, "keygen", "-o", f"{work}/key.txt"], cwd=work, env=env, capture_output=True,
                            text=True)
    recipient = [l for l in keygen.stderr.splitlines() if l.startswith("Public key: ")][0].split(": ")[1].strip()
    run(["git", "init", "-q", "-b", "main"])
    lines = "".join(f"KEY_{i:02d}=value-{i:02d}-abcdefghijklmnopqrstuvwxyz\n" for i in range(20))
    open(f"{work}/p.env", "w").write(lines)
    yaml = "".join(f"group{g}:\n" + "".join(f"    key{i}: value-{g}-{i}-abcdefghijklmnop\n" for i in range(5))
                   for g in range(4))
    open(f"{work}/p.yaml", "w").write(yaml)
    run([secrets, "encrypt", "--age", recipient, f"{work}/p.env", "-o", "app.env.enc"])
    run([secrets, "encrypt", "--age", recipient, f"{work}/p.yaml", "-o", "config.yaml"])
    run(["git", "add", "-A"])
    run([secrets, "git", "setup", "--command", secrets])
    run(["git", "add", "-A"])
    run(["git", "commit", "-q", "-m", "base"])
    for n in range(1, 11):
        run([secrets, "set", "app.env.enc", "KEY_05", "--stdin"], stdin=f"changed-{n}".encode())
        run([secrets, "set", "config.yaml", '["group1"]["key2"]', "--stdin"], stdin=f"changed-{n}".encode())
        run(["git", "commit", "-q", "-am", f"change {n}"])
    # Merge driver inputs: base, ours and theirs of each file, two branches setting different keys.
    merge_inputs = {}
    for name, ours_key, theirs_key in (("app.env.enc", "OURS", "THEIRS"),
                                       ("config.yaml", '["group0"]["ours"]', '["group2"]["theirs"]')):
        base = f"{work}/base-{name}"
        shutil.copy(f"{repo}/{name}", base)
        for side, key in (("ours", ours_key), ("theirs", theirs_key)):
            run([secrets, "set", name, key, "--stdin"], stdin=b"side-value")
            shutil.copy(f"{repo}/{name}", f"{work}/{side}-{name}")
            shutil.copy(base, f"{repo}/{name}")
        merge_inputs[name] = base
    picocli_textconv = f"diff.secrets.textconv={secrets} --quiet git diff"
    # How many textconv runs one `git log -p` makes (a counting wrapper, outside the timed runs).
    counter = f"{work}/count"
    wrapper = f"{work}/count-textconv.sh"
    open(wrapper, "w").write(f"#!/bin/sh\necho x >> {counter}\nexec {secrets} git diff \"$@\"\n")
    os.chmod(wrapper, 0o755)
    calls = {}
    for name in ("app.env.enc", "config.yaml"):
        open(counter, "w").close()
        run(["git", "-c", f"diff.secrets.textconv={wrapper}", "log", "-p", "--", name])
        calls[name] = len(open(counter).read().split())

    def restore(name):
        return lambda: shutil.copy(f"{work}/ours-{name}", f"{work}/merged-{name}")

    cases = [  # (label, argv, prepare)
        ("`secrets --version` (floor)", [secrets, "--version"], None),
        ("`secrets git diff` (textconv), dotenv 21 keys", [secrets, "git", "diff", "app.env.enc"], None),
        ("`secrets git diff` (textconv), YAML 21 values", [secrets, "git", "diff", "config.yaml"], None),
        ("`secrets git diff`, YAML, through picocli's parser", [secrets, "--quiet", "git", "diff", "config.yaml"], None),
        ("`git log -p --no-textconv`, dotenv (baseline)", ["git", "log", "-p", "--no-textconv", "--", "app.env.enc"], None),
        ("`git log -p`, dotenv, textconv", ["git", "log", "-p", "--", "app.env.enc"], None),
        ("`git log -p`, dotenv, textconv through picocli", ["git", "-c", picocli_textconv, "log", "-p", "--", "app.env.enc"], None),
        ("`git log -p --no-textconv`, YAML (baseline)", ["git", "log", "-p", "--no-textconv", "--", "config.yaml"], None),
        ("`git log -p`, YAML, textconv", ["git", "log", "-p", "--", "config.yaml"], None),
        ("`git log -p`, YAML, textconv through picocli", ["git", "-c", picocli_textconv, "log", "-p", "--", "config.yaml"], None),
    ]
    for name in merge_inputs:
        cases.append((f"merge driver, one merge, {'dotenv' if name.endswith('.enc') else 'YAML'}",
                      [secrets, "git", "merge", merge_inputs[name], f"{work}/merged-{name}", f"{work}/theirs-{name}",
                       name], restore(name)))
    for _, argv, prepare in cases:  # warm-up (page cache, the launcher's start-up cache)
        timed(argv, prepare)
    times = {c[0]: [] for c in cases}
    for _ in range(runs):
        for label, argv, prepare in cases:
            times[label].append(timed(argv, prepare))
    med = {k: statistics.median(v) for k, v in times.items()}
    floor = med[cases[0][0]]
    load = open("/proc/loadavg").read().split()[0]
    out = [
        "# Git drivers: cold JVM runs, medians of the same run",
        "",
        f"`python3 scripts/bench-git.py {runs}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {runs} runs "
        f"each after a warm-up, interleaved round by round; {os.cpu_count()} CPUs, load average {load} at the end.",
        "History: 10 commits after the base, each changing one value of a 20-key dotenv file and of a 20-value YAML "
        f"file. One `git log -p` runs textconv {calls['app.env.enc']} times on the dotenv file and "
        f"{calls['config.yaml']} times on the YAML file (both sides of every change, cachetextconv=false).",
        "\"Through picocli\" is the same call as `secrets --quiet git diff`, which cli/FastPath leaves to picocli's "
        "parser: how textconv ran before it took the fast path. Floor = `secrets --version`; baseline = the same "
        "`git log -p` with `--no-textconv`.",
        "",
        "| command | median ms | × floor | × baseline |",
        "|---|---:|---:|---:|",
    ]
    baseline = {"dotenv": med[cases[4][0]], "YAML": med[cases[7][0]]}
    for label, *_ in cases:
        base = ""
        if label.startswith("`git log -p`"):
            kind = "dotenv" if "dotenv" in label else "YAML"
            base = f"{med[label] / baseline[kind]:.1f}"
        out.append(f"| {label} | {med[label] * 1000:.1f} | {med[label] / floor:.2f} | {base} |")
    per_call = {k: (med[f"`git log -p`, {k}, textconv"] - baseline[k]) / calls[n] * 1000
                for k, n in (("dotenv", "app.env.enc"), ("YAML", "config.yaml"))}
    out += ["", f"Per textconv call inside `git log -p` ((textconv − baseline) ÷ calls): dotenv "
                f"{per_call['dotenv']:.0f} ms, YAML {per_call['YAML']:.0f} ms."]
    text = "\n".join(out) + "\n"
    os.makedirs(f"{root}/bench/results", exist_ok=True)
    open(f"{root}/bench/results/git-drivers.md", "w").write(text)
    print(text)
finally:
    shutil.rmtree(work, ignore_errors=True)

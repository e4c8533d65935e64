#!/usr/bin/env bash
# Installs what the test suite needs beside Java and Maven: the independent peers (the `age` CLI from Debian,
# the `sops-age` npm package), real servers for rotation tests (PostgreSQL, Redis), and a real editor and
# terminal multiplexer for the edit tests, git for the doctor/scan-history tests, gnupg to unwrap the data key of
# sops's pgp-wrapped INI vectors, openssl for the throw-away CA of the rediss:// (TLS Redis) test, and Go with
# go-yaml v3 and go-ini (the libraries sops uses) for the differential format tests (testsupport/GoPeers).
# Idempotent; run as root (CI) or with sudo.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(age gnupg postgresql redis-server vim tmux openssh-client git asciidoctor man-db zsh fish bsdutils openssl
  golang-go golang-gopkg-yaml.v3-dev golang-github-go-ini-ini-dev)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The Debian packages start services; the tests start their own servers on free ports instead.
(cd "$here/interop" && npm ci --no-audit --no-fund --loglevel=error)
echo "peers ready: $(age --version), sops-age $(node -p 'require("./interop/node_modules/sops-age/package.json").version' 2>/dev/null || true), age-encryption $(node -p 'require("./interop/node_modules/age-encryption/package.json").version' 2>/dev/null || true)"

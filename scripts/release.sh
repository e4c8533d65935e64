#!/usr/bin/env bash
# Builds the release: target/secrets-<version>.tar.gz and its .sha256.
#   bash scripts/release.sh               mvn -B package, then stage and pack
#   bash scripts/release.sh --no-build    stage and pack the jar and man pages already in target/
#   bash scripts/release.sh --stage DIR   only lay the release tree out in DIR (install.sh uses this from a clone)
# The tree is the installed layout, so an unpacked tarball runs as it is (bin/secrets) or installs itself
# (bash install.sh [--prefix DIR]):
#   install.sh  bin/secrets  share/secrets/secrets.jar(.sha256)  share/man/man1/secrets*.1
#   share/bash-completion/completions/secrets  share/zsh/site-functions/_secrets
#   share/fish/vendor_completions.d/secrets.fish  share/doc/secrets/README.md  share/doc/secrets/LICENSE
# and LICENSE (Apache-2.0) at the top, where an unpacked tarball shows it.
set -euo pipefail
clone="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$clone/pom.xml" | head -n 1)"

stage() {
  local dir="$1" jar="$clone/target/secrets.jar" java
  [ -f "$jar" ] || { echo "release: no $jar (run mvn -B package first)" >&2; return 1; }
  mkdir -p "$dir/bin" "$dir/share/secrets" "$dir/share/man/man1" "$dir/share/doc/secrets" \
    "$dir/share/bash-completion/completions" "$dir/share/zsh/site-functions" "$dir/share/fish/vendor_completions.d"
  cp "$clone/scripts/install.sh" "$dir/install.sh"
  cp "$clone/bin/secrets" "$dir/bin/secrets"
  chmod 755 "$dir/install.sh" "$dir/bin/secrets"
  cp "$jar" "$dir/share/secrets/secrets.jar"
  (cd "$dir/share/secrets" && sha256sum secrets.jar | cut -d' ' -f1 >secrets.jar.sha256)
  if compgen -G "$clone/target/man/*.1" >/dev/null; then
    cp "$clone"/target/man/*.1 "$dir/share/man/man1/"
  else
    echo "release: warning: no man pages in target/man (they are written by mvn package)" >&2
  fi
  cp "$clone/README.md" "$dir/share/doc/secrets/"
  cp "$clone/LICENSE" "$dir/LICENSE"
  cp "$clone/LICENSE" "$dir/share/doc/secrets/"
  # Completion scripts come from the command model itself, like the man pages.
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  "$java" -cp "$jar" dev.secrets.cli.Main completion bash >"$dir/share/bash-completion/completions/secrets"
  "$java" -cp "$jar" dev.secrets.cli.Main completion zsh >"$dir/share/zsh/site-functions/_secrets"
  "$java" -cp "$jar" dev.secrets.cli.Main completion fish >"$dir/share/fish/vendor_completions.d/secrets.fish"
}

case "${1:-}" in
  --stage) stage "$2"; exit 0 ;;
  --no-build) ;;
  "") (cd "$clone" && mvn -q -B -Dstyle.color=never -DskipTests package) ;;
  *) echo "usage: bash scripts/release.sh [--no-build | --stage DIR]" >&2; exit 2 ;;
esac
name="secrets-$version"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stage "$work/$name"
tarball="$clone/target/$name.tar.gz"
tar -C "$work" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
(cd "$clone/target" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "release: $tarball"
echo "release: $(cat "$tarball.sha256")"

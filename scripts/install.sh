#!/usr/bin/env bash
# Installs secrets, from a clone (scripts/install.sh) or from an unpacked release tarball (install.sh):
#   bash scripts/install.sh [--prefix DIR]             install or upgrade in place (default prefix ~/.local)
#   bash scripts/install.sh [--prefix DIR] --uninstall remove everything it installed, caches included
# Installs DIR/bin/secrets, DIR/share/secrets/ (jar, start-up cache, list of installed files), man pages under
# DIR/share/man/man1 and completion scripts where bash-completion, zsh and fish look under DIR/share. The
# installed secrets never builds anything and never needs Maven. From a clone the jar in target/ is used; Maven
# builds one only when there is none yet.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${HOME:?HOME is not set}/.local"
uninstall=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "install: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
manifest="$prefix/share/secrets/installed-files"

# Removes the files of a previous install that are not in the new tree ($1: new list, may be empty), then the
# folders that install created and that are now empty.
remove_old() {
  [ -f "$manifest" ] || return 0
  local entry old
  old="$(mktemp)"
  cp "$manifest" "$old"
  while IFS= read -r entry; do
    [ -n "$entry" ] || continue
    if [ -n "$1" ] && grep -qxF "$entry" "$1"; then continue; fi
    case "$entry" in */) ;; *) rm -f "$prefix/$entry" ;; esac
  done <"$old"
  # Folders last, deepest first, and only when empty (a shared share/man stays when other tools use it).
  sort -r "$old" | while IFS= read -r entry; do
    case "$entry" in */) [ -n "$1" ] && grep -qxF "$entry" "$1" || rmdir "$prefix/$entry" 2>/dev/null || true ;; esac
  done
  rm -f "$old"
}

if [ -n "$uninstall" ]; then
  [ -f "$manifest" ] || { echo "install: nothing installed under $prefix" >&2; exit 1; }
  rm -rf "$prefix/share/secrets/cache"
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/secrets"
  [ ! -d "$cache" ] || { rm -f "$cache"/secrets-*-java*; rmdir "$cache" 2>/dev/null || true; }
  remove_old ""
  rm -f "$manifest"
  rmdir "$prefix/share/secrets" "$prefix/share" "$prefix/bin" "$prefix" 2>/dev/null || true
  echo "install: removed secrets from $prefix"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -f "$here/share/secrets/secrets.jar" ]; then
  tree="$here"                                  # an unpacked release tarball
else
  clone="$(cd "$here/.." && pwd)"
  if [ ! -f "$clone/target/secrets.jar" ]; then
    echo "install: no jar in $clone/target yet: building it with Maven..." >&2
    (cd "$clone" && mvn -q -B -Dstyle.color=never -DskipTests package)
  fi
  tree="$work/tree"
  bash "$clone/scripts/release.sh" --stage "$tree"
fi

# The new list: folders (with a trailing /) and files, relative to the prefix. install.sh itself is not installed.
(cd "$tree" && { find bin share -type d -printf '%p/\n'; find bin share -type f -print; } | sort) >"$work/list"
printf '%s\n' share/secrets/installed-files share/secrets/cache/ >>"$work/list"
remove_old "$work/list"
grep -v '^share/secrets/installed-files$' "$work/list" | while IFS= read -r entry; do
  case "$entry" in
    */) mkdir -p "$prefix/$entry" ;;
    *) # Each file is copied beside its target and renamed over it: a running secrets never sees half a jar.
       cp "$tree/$entry" "$prefix/$entry.new.$$" && mv -f "$prefix/$entry.new.$$" "$prefix/$entry" ;;
  esac
done
# Folders that existed before (bin, share, share/man ...) are listed too; rmdir on uninstall keeps non-empty ones.
mkdir -p "$prefix/share/secrets/cache"
cp "$work/list" "$manifest"
# Record the start-up cache now rather than on the first real command (it takes a few seconds once).
"$prefix/bin/secrets" --version >/dev/null
echo "install: $("$prefix/bin/secrets" --version) in $prefix"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "install: add $prefix/bin to PATH (e.g. in ~/.profile: export PATH=\"$prefix/bin:\$PATH\")" ;;
esac

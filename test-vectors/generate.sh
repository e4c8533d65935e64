#!/usr/bin/env bash
# Regenerates the project's own regression vectors with bin/secrets. Each case folder gets:
#   plain.env     the input (kept as written here)
#   encrypted.env what `secrets encrypt` wrote (new random data key and IVs on every run)
#   expected.txt  what `secrets decrypt` must print for it
#   case.json     how it was made and which identities must (and must not) open it
# The published test keys in keys/ are for these vectors only. RegressionVectorsTest replays every case, and the
# sops-age peer opens every single-group case.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
secrets="$here/../bin/secrets"
alice=$(grep -o 'age1[a-z0-9]*' "$here/keys/alice.txt" | head -1)
bob=$(grep -o 'age1[a-z0-9]*' "$here/keys/bob.txt" | head -1)
carol=$(grep -o 'age1[a-z0-9]*' "$here/keys/carol.txt" | head -1)

make_case() { # name, description, opens (identities), refuses (identities), encrypt args...
  local name=$1 description=$2 opens=$3 refuses=$4
  shift 4
  local dir="$here/$name"
  (cd "$dir" && "$secrets" encrypt "$@" plain.env -o encrypted.env)
  local first=${opens%%,*} keytext="" k
  for k in ${first//+/ }; do keytext+="$(cat "$here/keys/$k.txt")"$'\n'; done
  SOPS_AGE_KEY="$keytext" "$secrets" decrypt "$dir/encrypted.env" > "$dir/expected.txt"
  local groups=1
  case " $* " in *" --config "*) groups=$(grep -c 'age:' "$dir/sops.yaml" || true) ;; esac
  printf '{\n  "description": "%s",\n  "opens": "%s",\n  "refuses": "%s",\n  "key_groups": %s,\n  "args": "%s"\n}\n' \
    "$description" "$opens" "$refuses" "$groups" "$*" > "$dir/case.json"
}

mkdir -p "$here"/{basic,two-recipients,encrypted-regex,mac-only-encrypted,blank-lines-crlf,duplicate-keys,unicode,shamir-2-of-2}
printf '# settings for the basic case\nDB_PASSWORD=p@ss=word#1\nEMPTY=\nMULTI=line1\\nline2\nPUBLIC_unencrypted=visible\n' > "$here/basic/plain.env"
make_case basic "comment, empty value, \\\\n escape, _unencrypted suffix" alice bob --age "$alice"

printf 'API_KEY=abc123\nTOKEN=xyz\n' > "$here/two-recipients/plain.env"
make_case two-recipients "two recipients, either opens" alice,bob carol --age "$alice,$bob"

printf 'DB_PASSWORD=secret\nAPI_KEY=k\nLOG_LEVEL=info\n# stays readable\n' > "$here/encrypted-regex/plain.env"
make_case encrypted-regex "encrypted_regex: only DB_ and API_ values encrypted" alice bob --age "$alice" --encrypted-regex '^(DB_|API_)'

printf 'SECRET=s\nPLAIN_unencrypted=p\n' > "$here/mac-only-encrypted/plain.env"
make_case mac-only-encrypted "mac_only_encrypted: the MAC covers encrypted values only" alice bob --age "$alice" --mac-only-encrypted

printf 'A=1\r\n\r\n# spaced out\r\nB=2\r\n' > "$here/blank-lines-crlf/plain.env"
make_case blank-lines-crlf "CRLF input and a blank line: kept blank line, LF output" alice bob --age "$alice"

printf 'KEY=first\nKEY=second\nKEY=first\n' > "$here/duplicate-keys/plain.env"
make_case duplicate-keys "duplicate keys kept in order, each with its own IV" alice bob --age "$alice"

printf 'GREETING=grüß dich 🔑\nKEY WITH SPACE=v a l\nQUOTES='"'"'single'"'"' "double" `tick` $HOME\n' > "$here/unicode/plain.env"
make_case unicode "unicode, spaces in key, quotes and shell characters kept verbatim" alice bob --age "$alice"

printf 'creation_rules:\n  - shamir_threshold: 2\n    key_groups:\n      - age: [%s]\n      - age: [%s]\n' "$alice" "$bob" > "$here/shamir-2-of-2/sops.yaml"
printf 'VAULT_TOKEN=needs both groups\n' > "$here/shamir-2-of-2/plain.env"
make_case shamir-2-of-2 "two key groups, Shamir threshold 2: alice and bob together" alice+bob alice --config sops.yaml
echo "regenerated vectors in $here"

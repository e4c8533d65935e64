#!/usr/bin/env bash
# Deploy step of the seed workflow, run on the server after the new release is in place (git pull, rsync...):
# decrypt the committed .env.enc into the .env the service reads, and restart the service only when .env
# actually changed.
#
#   deploy.sh [APP_DIR]            APP_DIR holds .env.enc; .env is written beside it (default /srv/app)
#
# Environment:
#   RESTART_COMMAND    restarts the service (default: systemctl restart app.service)
#   ENV_MODE           permissions of .env (default 0600; e.g. 0640 when the service's group reads it)
#   SOPS_AGE_KEY_FILE  the server's age identity (default ~/.config/sops/age/keys.txt)
#
# Fail closed: if decryption fails (tampered file, wrong key, ...) .env is left exactly as it was, nothing is
# restarted, and the script exits with secrets' exit code.
set -euo pipefail

app_dir="${1:-/srv/app}"
encrypted="$app_dir/.env.enc"
target="$app_dir/.env"
restart="${RESTART_COMMAND:-systemctl restart app.service}"
mode="${ENV_MODE:-0600}"

status=0
secrets render "$encrypted" --out "$target" --check || status=$?
case "$status" in
  0) echo "deploy: $target is up to date; not restarting"; exit 0 ;;
  1) ;; # missing or different: write it, then restart
  *) echo "deploy: cannot render $encrypted (exit $status); $target left as it was" >&2; exit "$status" ;;
esac

secrets render "$encrypted" --out "$target" --mode "$mode"
echo "deploy: $target updated; restarting"
$restart # unquoted on purpose: RESTART_COMMAND is a command line

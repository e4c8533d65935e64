#!/usr/bin/env bash
# Deploy a docker compose project whose secrets live in .env.enc beside compose.yaml.
#
#   deploy-compose.sh [PROJECT_DIR]    (default: the folder of this script)
#
# app.env is rewritten only when its content changes (atomically, 0600); `docker compose up -d` then recreates
# exactly the services whose configuration, including env_file values, changed. On any decryption error app.env
# stays as it was and compose is not touched.
set -euo pipefail

project_dir="${1:-$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")}"
cd "$project_dir"

status=0
secrets render .env.enc --format docker --out app.env --check || status=$?
case "$status" in
  0) echo "deploy: app.env is up to date" ;;
  1) secrets render .env.enc --format docker --out app.env && echo "deploy: app.env updated" ;;
  *) echo "deploy: cannot render .env.enc (exit $status); app.env left as it was" >&2; exit "$status" ;;
esac
docker compose up -d --remove-orphans

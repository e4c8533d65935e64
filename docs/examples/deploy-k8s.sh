#!/usr/bin/env bash
# Publish .env.enc as a Kubernetes Secret and restart the deployment that uses it, only when the Secret changed.
#
#   deploy-k8s.sh ENCRYPTED_FILE NAMESPACE SECRET_NAME DEPLOYMENT
#
# The manifest is rendered completely before kubectl sees anything, so a decryption error never applies an
# empty or partial Secret; nothing is written to disk. The deployment consumes the Secret with envFrom:
#   envFrom: [{secretRef: {name: SECRET_NAME}}]
set -euo pipefail

encrypted="$1" namespace="$2" name="$3" deployment="$4"

manifest="$(secrets render "$encrypted" --format k8s-secret --name "$name" --namespace "$namespace")"

status=0
printf '%s\n' "$manifest" | kubectl diff -f - >/dev/null || status=$?
case "$status" in
  0) echo "deploy: secret/$name is up to date"; exit 0 ;;
  1) ;; # kubectl diff: differences found
  *) echo "deploy: kubectl diff failed (exit $status)" >&2; exit "$status" ;;
esac
printf '%s\n' "$manifest" | kubectl apply -f -
kubectl --namespace "$namespace" rollout restart "deployment/$deployment"

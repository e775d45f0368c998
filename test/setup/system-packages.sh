#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing and this user can (root or sudo):
# Chromium drives the browser tests (playwright-core never downloads its own browser); kubectl renders
# deploy/kubernetes with its built-in kustomize (test/kubernetes); Python 3 runs the docs' evidence
# check for auditors as written.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v kubectl >/dev/null 2>&1 || missing+=(kubectl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then as_root=(env); elif sudo -n true 2>/dev/null; then as_root=(sudo env); else
  echo "The tests need Debian packages that are missing: ${missing[*]}." >&2
  echo "Install them as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get update -qq
# Where the archive has no package named kubectl (Debian 12), kubernetes-client ships /usr/bin/kubectl;
# test/kubernetes says plainly if its kustomize is too old for the manifests.
if [[ " ${missing[*]} " == *" kubectl "* ]] && ! apt-cache policy kubectl | grep -q 'Candidate: [0-9]'; then
  missing=("${missing[@]/#kubectl/kubernetes-client}")
fi
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"

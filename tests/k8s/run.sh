#!/usr/bin/env bash
# Renders every overlay in k8s/overlays with `kubectl kustomize` and checks the objects
# (tests/k8s/check_manifests.py). Closes with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

fail() { echo "$*"; echo "0 passed, 1 failed"; exit 1; }
apt_install() {
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $apt_get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}

# kubectl with kustomize v5 (components, labels, patches). Debian's kubernetes-client is the fallback
# when none is installed; its kustomize is too old for these overlays, which the version check says.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl not found; installing Debian's kubernetes-client"
  apt_install kubernetes-client || fail "kubectl is missing and Debian's kubernetes-client could not be installed"
fi
kustomize_version=$(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p')
if [ -z "$kustomize_version" ] || [ "$kustomize_version" -lt 5 ]; then
  fail "kubectl $(kubectl version --client 2>/dev/null | head -n 1) has no kustomize v5 (these overlays need components and labels); install kubectl 1.27 or later"
fi

# PyYAML: the machine's Python usually has it; otherwise Debian's python3-yaml for /usr/bin/python3.
python=python3
if ! "$python" -c 'import yaml' 2>/dev/null; then
  python=/usr/bin/python3
  "$python" -c 'import yaml' 2>/dev/null || apt_install python3-yaml
  "$python" -c 'import yaml' 2>/dev/null || fail "PyYAML is missing and Debian's python3-yaml could not be installed"
fi
# Kubernetes API types (kubernetes-models) and TypeScript, pinned by tests/k8s/schema/package-lock.json.
schema="$root/tests/k8s/schema"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
command -v node >/dev/null 2>&1 || fail "node is missing and Debian's nodejs could not be installed"
if [ ! -f "$schema/node_modules/.package-lock.json" ] || [ "$schema/package-lock.json" -nt "$schema/node_modules/.package-lock.json" ]; then
  (cd "$schema" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) || fail "npm ci in tests/k8s/schema failed"
fi
exec "$python" "$root/tests/k8s/check_manifests.py" "$root"

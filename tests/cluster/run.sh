#!/usr/bin/env bash
# The local multi-replica proof, short version (scripts/local-cluster.sh --short): three replicas
# behind nginx with one Redis, under load, with a replica killed and Redis stopped and restarted.
# Closes with its own "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exec bash "$root/scripts/local-cluster.sh" --short "$@"

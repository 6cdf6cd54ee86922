#!/usr/bin/env bash
# Issue 16, scale-out figure: one node pinned to core 0 against two nodes pinned to cores 0 and 1, the same
# PostgreSQL, the lifecycle driver over HTTP on loopback (cn.xueshi.system.ScaleOutBenchmark). About 5 minutes.
#   src/test/benchmark/scale-out.sh jdbc:postgresql://127.0.0.1:5432/<own database> [-Dscale.seconds=60 ...]
# Use a database of its own (never the CI database `test`): the driver's units, people and claims stay in it.
# The figures are printed at the end and kept in target/surefire-reports/cn.xueshi.system.ScaleOutBenchmark-output.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
url="${1:?usage: $0 jdbc:postgresql://127.0.0.1:5432/<database> [-Dscale.*=...]}"
shift
command -v taskset >/dev/null || echo "taskset (util-linux) not found: the nodes will run unpinned" >&2
./mvnw -q -o test -Pbenchmark -Ppostgres "-Dpg.url=$url" -Dtest=ScaleOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
grep -A30 "=== ScaleOutBenchmark" target/surefire-reports/cn.xueshi.system.ScaleOutBenchmark-output.txt | head -40

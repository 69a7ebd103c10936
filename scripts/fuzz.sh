#!/usr/bin/env bash
# Runs every fuzz target of streamlint, one after the other, for a fixed
# time each, and prints a table of executions per target.
#
#   scripts/fuzz.sh            # 60s per target
#   scripts/fuzz.sh 5s         # what CI runs
#   FUZZ_PARALLEL=4 scripts/fuzz.sh 10m
#
# Two counts per target: go test's own "execs" (updated only when a fuzz
# worker reports back, so it can undercount slow targets) and the number
# of calls of the target's body counted by the targets themselves
# (internal/fuzzseed.Count), which includes the seed corpus. A crasher
# is written to the package's testdata/fuzz/<Target>/ by go test: commit
# it with the fix, it then runs with every go test.
#
# A run that fails with nothing but "context deadline exceeded" at the end
# of the -fuzztime window, and writes no failing input, is Go's fuzzing
# coordinator racing its own deadline (go.dev/issue/75804, fixed in Go
# 1.27; this project is on 1.26): it is retried once and then reported as
# a flake, not a failure. Any other failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

time_per_target=${1:-60s}
parallel=${FUZZ_PARALLEL:-2}

# package target
targets=(
	"./checker/compose FuzzLoad"
	"./checker/yamlpos FuzzParse"
	"./checker/spark FuzzParseProperties"
	"./checker/jobscan FuzzScan"
	"./checker/shell FuzzShell"
	"./checker/dockerfile FuzzParse"
	"./checker/kafka FuzzTranslate"
	"./checker/spark FuzzParseBytes"
	"./checker/spark FuzzTimeStringAs"
	"./checker/spark FuzzParseInterval"
	"./checker/kafka FuzzValues"
	"./checker/config FuzzParse"
	"./checker/suppress FuzzParse"
	"./checker/secret FuzzRedact"
)

# deadline_flake LOG: the only failure reported is the coordinator's
# "context deadline exceeded", and no failing input was written.
deadline_flake() {
	grep -q 'context deadline exceeded' "$1" || return 1
	grep -qE 'Failing input written|panic:|fuzz_test\.go:[0-9]+:' "$1" && return 1
	# every line between "--- FAIL:" and the closing "FAIL" is the deadline
	awk '/^--- FAIL:/ {in_fail = 1; next} /^FAIL/ {in_fail = 0} in_fail && NF && !/context deadline exceeded/ {bad = 1} END {exit bad}' "$1"
}

counts=$(mktemp -d)
trap 'rm -rf "$counts"' EXIT
status=0
total_start=$(date +%s)
printf '%-20s %-22s %10s %12s %12s\n' package target seconds go-execs calls
for t in "${targets[@]}"; do
	set -- $t
	pkg=$1 name=$2
	rm -f "$counts"/*
	log=$(mktemp)
	start=$(date +%s)
	for attempt in 1 2; do
		if STREAMLINT_FUZZ_COUNTS=$counts go test -run '^$' -fuzz "^${name}\$" -fuzztime "$time_per_target" \
			-parallel "$parallel" "$pkg" >"$log" 2>&1; then
			break
		fi
		if deadline_flake "$log"; then
			echo "note: $pkg $name: deadline flake of go test -fuzz (go.dev/issue/75804), no failing input (attempt $attempt)"
			continue
		fi
		status=1
		echo "FAIL $pkg $name:"; cat "$log"
		break
	done
	secs=$(( $(date +%s) - start ))
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
	calls=0
	for f in "$counts"/*; do
		c=$(cat "$f" 2>/dev/null || true)
		calls=$(( calls + ${c:-0} ))
	done
	printf '%-20s %-22s %10s %12s %12s\n' "${pkg#./checker/}" "$name" "$secs" "$execs" "$calls"
	rm -f "$log"
done
echo "total: $(( $(date +%s) - total_start ))s for ${#targets[@]} targets (-fuzztime $time_per_target -parallel $parallel)"
exit $status

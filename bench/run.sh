#!/usr/bin/env bash
# End-to-end benchmark of the built binary beside conftest, with public
# tools only (bash, awk, GNU time, go). Times, in one run of this script:
#
#   incident   check fixtures/incident/before (cold: a new process)
#   1000       check a generated corpus of 1,000 pipelines (3,000 files)
#   10000      the same with 10,000 pipelines (30,000 files)
#   named      check one named compose file inside the 1,000-pipeline corpus
#   version    streamlint version (process start only)
#   --help     streamlint --help
#
# and each beside conftest running bench/conftest/lessons.rego (the
# incident's lessons on the raw compose YAML) over the same files, then
# writes the table with the machine's description to docs/performance.md
# (or --out FILE), followed by docs/performance-notes.md.
#
#   bench/run.sh                       # 5 runs each, all sizes
#   bench/run.sh --runs 9 --sizes 1000 # skip the 10,000 corpus
#
# The two commands of a row run in turn (streamlint, conftest, streamlint,
# ...) after one warm-up each (none for a corpus just written: it is in
# the file cache), so a machine whose speed drifts (other
# processes on its cores) slows both alike. Wall: the median of the runs,
# measured around the process. Ratio: the median of the pair-by-pair
# ratios streamlint / conftest. CPU: user + sys of the median run. Peak
# RSS: the largest of the runs (GNU time's %M).
#
# conftest is installed with `go install` when it is not on PATH or in
# $(go env GOPATH)/bin.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
sizes="1000 10000"
out=docs/performance.md
conftest_version=v0.71.1
while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs=$2; shift 2 ;;
	--sizes) sizes=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	*) echo "usage: bench/run.sh [--runs N] [--sizes \"1000 10000\"] [--out FILE]" >&2; exit 2 ;;
	esac
done
if [ ! -x /usr/bin/time ]; then
	echo "bench/run.sh needs GNU time (apt-get install time)" >&2
	exit 2
fi

conftest=$(command -v conftest || true)
if [ -z "$conftest" ]; then
	conftest="$(go env GOPATH)/bin/conftest"
	if [ ! -x "$conftest" ]; then
		echo "installing conftest $conftest_version" >&2
		go install "github.com/open-policy-agent/conftest@$conftest_version"
	fi
fi
policy=bench/conftest/lessons.rego

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="$work/streamlint"
go build -trimpath -o "$bin" ./cmd/streamlint

# once CMD...: runs CMD under GNU time; prints "wall_us user sys kib".
once() {
	local start end
	start=$(date +%s%N)
	/usr/bin/time -f "%M %U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true
	end=$(date +%s%N)
	# GNU time writes "Command exited with non-zero status 1" first
	# when the command fails (1: findings): the figures are last.
	local kib user sys
	read -r kib user sys < <(tail -n 1 "$work/time")
	echo "$(((end - start) / 1000)) $user $sys $kib"
}

# row LABEL FILES FILE_A: the Markdown row of one command's runs in FILE_A
# (lines "wall_us user sys kib"); the median run by wall time.
row() {
	local label=$1 files=$2 samples=$3
	sort -n "$samples" | awk -v label="$label" -v files="$files" -v runs="$runs" '
		{ wall[NR] = $1; user[NR] = $2; sys[NR] = $3; if ($4 > rss) rss = $4 }
		END {
			m = int((NR + 1) / 2)
			w = wall[m] / 1e6
			ws = (w < 1) ? sprintf("%.1f ms", w * 1000) : sprintf("%.2f s", w)
			fps = (files > 0 && w > 0) ? sprintf("%.0f", files / w) : "-"
			cpu = (w > 0) ? sprintf("%.0f ms", (user[m] + sys[m]) * 1000) : "-"
			printf "%s | %s | %s | %s | %s | %.1f MiB | %d", label, files, ws, fps, cpu, rss / 1024, runs
		}'
}

# ratio FILE_A FILE_B: the median of the pair-by-pair wall ratios A/B.
ratio() {
	paste -d' ' "$1" "$2" | awk '{ print $1 / $5 }' | sort -g |
		awk '{ r[NR] = $1 } END { printf "%.2fx", r[int((NR + 1) / 2)] }'
}

# median FILE: the median wall time of FILE's runs, in µs.
median() {
	sort -n "$1" | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }'
}

# pair NAME LABEL FILES -- A... -- B...: runs A and B in turn and appends
# their two rows to the table; the runs are kept in $work/NAME.{a,b}.
rows=()
warm=1
pair() {
	local name=$1 label=$2 files=$3
	shift 4
	local a=() b=()
	while [ "$1" != "--" ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	if [ "$warm" = 1 ]; then # warm-up (file cache; a corpus just written is in it)
		"${a[@]}" >/dev/null 2>&1 || true
		"${b[@]}" >/dev/null 2>&1 || true
	fi
	: >"$work/$name.a"
	: >"$work/$name.b"
	local i
	for i in $(seq "$runs"); do
		once "${a[@]}" >>"$work/$name.a"
		once "${b[@]}" >>"$work/$name.b"
	done
	local r
	r=$(ratio "$work/$name.a" "$work/$name.b")
	rows+=("| $(row "$label: streamlint" "$files" "$work/$name.a") | **$r** |")
	rows+=("| $(row "$label: conftest" "$files" "$work/$name.b") | |")
	echo "${rows[-2]}" >&2
	echo "${rows[-1]}" >&2
}

pair incident 'incident, cold (`check fixtures/incident/before`)' 3 \
	-- "$bin" check fixtures/incident/before \
	-- "$conftest" test --policy "$policy" fixtures/incident/before
pair version '`version`' 0 -- "$bin" version -- "$conftest" --version
pair help '`--help`' 0 -- "$bin" --help -- "$conftest" --help
for n in $sizes; do
	dir="$work/corpus-$n"
	go run ./bench/gencorpus -n "$n" -out "$dir"
	warm=0
	pair "c$n" "$n pipelines" $((n * 3)) \
		-- "$bin" check "$dir" \
		-- "$conftest" test --policy "$policy" "$dir"
	if [ "$n" = 1000 ]; then
		warm=1
		named="$dir/p00500/docker-compose.yml"
		pair named 'named file in 1,000 (`check DIR/p00500/docker-compose.yml`)' 1 \
			-- "$bin" check "$named" \
			-- "$conftest" test --policy "$policy" "$named"
	fi
	rm -rf "$dir"
done

# targets: issue 13's, checked against this run's medians.
check() { # check DESCRIPTION OK(0|1) FIGURES
	local verdict=missed
	[ "$2" = 1 ] && verdict=met
	echo "| $1 | $3 | $verdict |"
}
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
ratio_num() { ratio "$1" "$2" | tr -d x; }
targets=()
inc=$(median "$work/incident.a")
r=$(ratio_num "$work/incident.a" "$work/incident.b")
targets+=("$(check 'cold incident <= 80 ms and <= 2.0x conftest' "$(($(le "$inc" 80000) & $(le "$r" 2.0)))" "$(ms "$inc"), ${r}x")")
if [ -f "$work/c1000.a" ]; then
	k=$(median "$work/c1000.a")
	r=$(ratio_num "$work/c1000.a" "$work/c1000.b")
	targets+=("$(check '1,000 pipelines <= 1.8 s and <= 2.0x conftest' "$(($(le "$k" 1800000) & $(le "$r" 2.0)))" "$(ms "$k"), ${r}x")")
	nm=$(median "$work/named.a")
	targets+=("$(check 'named file in 1,000 <= the cold incident run' "$(le "$nm" "$inc")" "$(ms "$nm") vs $(ms "$inc")")")
	if [ -f "$work/c10000.a" ]; then
		tk=$(median "$work/c10000.a")
		x=$(awk -v a="$tk" -v b="$k" 'BEGIN { printf "%.1f", a / b }')
		rss=$(awk '$4 > m { m = $4 } END { printf "%.1f", m / 1024 }' "$work/c10000.a")
		targets+=("$(check '10,000 <= 10.5x the 1,000 time, peak RSS <= 120 MiB' "$(($(le "$x" 10.5) & $(le "$rss" 120)))" "${x}x, $rss MiB")")
	fi
fi
v=$(median "$work/version.a")
h=$(median "$work/help.a")
targets+=("$(check '`version` and `--help` under 15 ms' "$(($(le "$v" 14999) & $(le "$h" 14999)))" "$(ms "$v"), $(ms "$h")")")

cpu_model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)
{
	echo "# Performance"
	echo
	echo "Generated by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($cpu_model), $mem,"
	echo "$(go version | cut -d' ' -f3-), $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;"
	echo "conftest $(go version -m "$conftest" 2>/dev/null | awk '$1 == "mod" { print $3 }') ($("$conftest" --version 2>/dev/null | tail -n 1))."
	echo "Each figure is the median of $runs runs of the built binary after one warm-up (none for a corpus just"
	echo "written), streamlint and conftest run in turn; the ratio is the median of the pair-by-pair ratios of"
	echo "wall time; CPU is user + sys of the median run; peak RSS is the largest run. A pipeline is a compose"
	echo "file (a KRaft broker, a Spark master, a worker and a spark-submit service), a spark-defaults.conf and a"
	echo "PySpark job (bench/corpus); one in four carries the incident's mistakes. conftest runs"
	echo "bench/conftest/lessons.rego over the same paths (it reads only the compose files)."
	echo
	echo "| run | files | wall (median) | files/s | CPU | peak RSS | runs | streamlint / conftest |"
	echo "|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
	echo
	echo "| target (issue 13) | this run | |"
	echo "|---|---|---|"
	printf '%s\n' "${targets[@]}"
	echo
	echo "Stage costs: \`go test -run '^\$' -bench . ./checker/lint/\`."
	if [ -f docs/performance-notes.md ]; then
		echo
		cat docs/performance-notes.md
	fi
} >"$out"
echo "wrote $out" >&2
sed -n '/^| run /,/^Stage costs/p' "$out"

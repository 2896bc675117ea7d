#!/bin/sh
# make bench-peers: moocreport against DuckDB (and pandas, when python3 has
# it) on the same generated course, alternating, RUNS runs each; prints the
# median wall time, CPU time (user + system, all threads) and peak RSS of
# each, and moocreport's ratios to DuckDB.
#
#   SIZE=1M|10M|tiny  the example study enlarged by cmd/gendata: 1M has
#                     about 1,000,000 tracking events of 42,000 learners,
#                     10M the same learners with every event 10 times;
#                     tiny (600 learners) is what make test runs.
#   RUNS=5            runs of each tool
#   BENCH_DIR=...     where the study is generated (kept between runs)
#   PANDAS=0          leave pandas out (it takes minutes per run at 1M)
#
# moocreport runs a full cold `build` (ingest, every measure, site, PDF)
# into a fresh public folder; DuckDB only the weekly distinct learners per
# event kind (duckdb.mjs), pandas the same (pandas_weekly.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
SIZE=${SIZE:-1M}
RUNS=${RUNS:-5}
case $SIZE in
tiny) gen="-learners 0.1 -repeat 1" ;;
1M) gen="-learners 7.4 -repeat 1" ;;
10M) gen="-learners 7.4 -repeat 10" ;;
*) echo "bench-peers: SIZE: want tiny, 1M or 10M, got $SIZE" >&2; exit 2 ;;
esac
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/moocreport-bench-$SIZE}
mkdir -p "$dir"
bin=$dir/moocreport
(cd "$root" && go build -trimpath -o "$bin" ./cmd/moocreport)
# The stamp names the generator's options and source, so a course made by
# an older generator (say, before it wrote course structures) is made again.
stamp="$gen $(cat "$root"/cmd/gendata/*.go "$root"/internal/exampledata/*.go | cksum)"
if [ "$(cat "$dir/.generated" 2>/dev/null)" != "$stamp" ]; then
	echo "generating the $SIZE course in $dir ($gen)"
	rm -rf "$dir/data"
	(cd "$root" && go run ./cmd/gendata -out "$dir/data" $gen)
	echo "$stamp" >"$dir/.generated"
fi
cp "$root/study.yaml" "$dir/"
rm -rf "$dir/content" && cp -r "$root/content" "$dir/content"
if [ -d "$root/templates" ]; then rm -rf "$dir/templates" && cp -r "$root/templates" "$dir/templates"; fi
events=$(gzip -dc "$dir"/data/*/logs/*.gz | wc -l)
mb=$(du -sm "$dir/data" | cut -f1)
echo "$events tracking events, $mb MB of gzipped data, $(nproc) cores"

py=""
[ "${PANDAS:-1}" = 0 ] || for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import pandas' 2>/dev/null; then py=$p; break; fi
done

# measure NAME CMD...: one run, appending "wall cpu rss_kb" to $dir/NAME.times
measure() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>&1 || {
		echo "bench-peers: $name failed:" >&2; cat "$dir/$name.out" >&2; exit 1; }
	awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 }' "$dir/$name.time" >>"$dir/$name.times"
}
rm -f "$dir"/*.times
for i in $(seq "$RUNS"); do
	rm -rf "$dir/public" "$dir/.moocreport-cache"
	# -no-cache: every run is cold, reading and computing everything, as
	# DuckDB does; the cache would make runs after the first warm.
	measure moocreport "$bin" build -no-cache -study "$dir/study.yaml" -public "$dir/public"
	measure duckdb node "$here/duckdb.mjs" "$dir"
	if [ -n "$py" ]; then measure pandas "$py" "$here/pandas_weekly.py" "$dir"; fi
done

# median COLUMN FILE
median() { cut -d' ' -f"$1" "$2" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-36s %9s %9s %10s\n' "median of $RUNS runs" "wall s" "CPU s" "peak RSS"
for name in moocreport duckdb pandas; do
	[ -f "$dir/$name.times" ] || continue
	label=$name
	case $name in
	moocreport) label="moocreport build (whole report)" ;;
	duckdb) label="DuckDB weekly aggregation" ;;
	pandas) label="pandas weekly aggregation" ;;
	esac
	printf '%-36s %9s %9s %7d MB\n' "$label" "$(median 1 "$dir/$name.times")" "$(median 2 "$dir/$name.times")" \
		"$(($(median 3 "$dir/$name.times" | cut -d. -f1) / 1024))"
done
awk -v a="$(median 1 "$dir/moocreport.times")" -v b="$(median 1 "$dir/duckdb.times")" \
	-v c="$(median 2 "$dir/moocreport.times")" -v d="$(median 2 "$dir/duckdb.times")" \
	'BEGIN { printf "ratio moocreport/DuckDB: wall %.2f, CPU %.2f\n", a / b, c / d }'

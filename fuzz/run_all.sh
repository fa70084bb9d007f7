#!/usr/bin/env bash
# Runs every fuzz target for the given seconds each (default 600), one after the other, on the
# corpus made by fuzz/seed.sh, and prints each target's last libFuzzer status line. Needs the
# nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in
# fuzz/artifacts/<target>/; turn each into a regression test in tests/.
#
#   bash fuzz/run_all.sh [seconds] [target...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(geojson shapefile geopackage prj project assignment analyse table)
[ -d fuzz/corpus/geojson ] || bash fuzz/seed.sh
mkdir -p fuzz/logs
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target"
    cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        > "fuzz/logs/$target.log" 2>&1
    status=$?
    echo "$target: exit $status; $(grep -E '^(#[0-9]+|Done)' "fuzz/logs/$target.log" | tail -1)"
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "fuzz/logs/$target.log" | tr '\n' ' '
    echo
done

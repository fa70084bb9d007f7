# Shared by the bench scripts (sourced, with $runs set): a scratch directory $out, and
# `measure label command...`, which prints "label wall_s peak_MB" for the best of $runs runs.
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

measure() {
    local label="$1"; shift
    local best_wall="" best_mem=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$out/time" "$@" > /dev/null 2> "$out/stderr" || { cat "$out/stderr"; exit 1; }
        read -r wall mem < "$out/time"
        if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; best_mem=$mem; fi
    done
    echo "$label $best_wall $((best_mem / 1024))"
}

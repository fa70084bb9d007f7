# Shared by the bench scripts (sourced, with $runs set): a scratch directory $out, and
# `measure label command...`, which prints "label wall_s peak_MB" for the median of $runs runs
# (the peak memory of that same run).
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

measure() {
    local label="$1"; shift
    : > "$out/runs"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$out/time" "$@" > /dev/null 2> "$out/stderr" || { cat "$out/stderr"; exit 1; }
        cat "$out/time" >> "$out/runs"
    done
    sort -n "$out/runs" | awk -v label="$label" '{ w[NR] = $1; m[NR] = $2 }
        END { h = int((NR + 1) / 2); printf "%s %s %d\n", label, w[h], m[h] / 1024 }'
}

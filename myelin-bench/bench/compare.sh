#!/usr/bin/env bash
# Side-by-side Myelin vs PyTorch benchmarks on this machine. Prints, per section, a table:
#   shape | Myelin GFLOP/s | PyTorch GFLOP/s | ratio (Myelin / PyTorch)
#
# Usage: myelin-bench/bench/compare.sh [--threads N] [--reps N] [--only a,b] [--torch-env asis|unset]
#   --torch-env unset (default) runs PyTorch with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from
#   its environment (faster here: OpenBLAS then picks its AVX-512 kernels); asis keeps them.
# Builds myelin-bench/target/benchmarks.jar if it is missing. PyTorch is skipped with a message when
# `python3 -c 'import torch'` fails.
#
# To add a workload: write a section function like gemm_section (run both sides into TSV files with
# a first column "name" and a "gflops" column, or any numeric column named by print_table's args),
# then call it at the bottom.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/myelin-bench/target/benchmarks.jar"
python=/usr/bin/python3
threads=2
reps=7
only=""
torch_env=unset

while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --torch-env) torch_env="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

# A JDK 25 for the Vector API: $JAVA25_HOME, else the newest Temurin/JDK 25 under /usr/lib/jvm.
java_bin="${JAVA25_HOME:+$JAVA25_HOME/bin/java}"
if [[ -z "$java_bin" ]]; then
  java_bin="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | sort | tail -n 1 || true)"
fi
if [[ -z "$java_bin" || ! -x "$java_bin" ]]; then
  echo "compare.sh: no JDK 25 found; set JAVA25_HOME" >&2
  exit 1
fi
java_run() { "$java_bin" --add-modules jdk.incubator.vector -cp "$jar" "$@" 2>/dev/null; }

if [[ ! -f "$jar" ]]; then
  echo "# building $jar ..."
  (cd "$root" && mvn -q -B -DskipTests package -pl myelin-bench -am)
fi

have_torch=0
if "$python" -c 'import torch' 2>/dev/null; then
  have_torch=1
else
  echo "# PyTorch not importable by $python: PyTorch columns skipped"
fi

torch_run() {
  if [[ "$torch_env" == unset ]]; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" "$@"
  else
    "$python" "$@"
  fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# print_table TITLE MYELIN_TSV TORCH_TSV [COLUMN]: joins the two files on "name" and prints COLUMN
# (default gflops) side by side with the ratio. A missing or empty TORCH_TSV prints "-".
print_table() {
  local title="$1" mine="$2" theirs="$3" col="${4:-gflops}"
  echo
  echo "## $title"
  awk -F'\t' -v col="$col" '
    FNR == 1 && /^#/ { next }
    /^#/ { next }
    $1 == "name" { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    FILENAME == ARGV[1] { order[++n] = $1; mine[$1] = $c; next }
    { theirs[$1] = $c }
    END {
      printf "%-16s %14s %16s %7s\n", "shape", "Myelin " col, "PyTorch " col, "ratio"
      for (i = 1; i <= n; i++) {
        k = order[i]
        t = (k in theirs) ? theirs[k] : "-"
        r = (k in theirs && theirs[k] > 0) ? sprintf("%.2f", mine[k] / theirs[k]) : "-"
        printf "%-16s %14s %16s %7s\n", k, mine[k], t, r
      }
    }' "$mine" "$theirs"
}

gemm_section() {
  local args=(--threads "$threads" --reps "$reps")
  [[ -n "$only" ]] && args+=(--only "$only")
  java_run dev.myelin.bench.GemmBench --list > "$tmp/shapes.tsv"
  java_run dev.myelin.bench.GemmBench "${args[@]}" > "$tmp/gemm_myelin.tsv"
  : > "$tmp/gemm_torch.tsv"
  if [[ $have_torch == 1 ]]; then
    torch_run "$here/gemm_torch.py" --shapes "$tmp/shapes.tsv" "${args[@]}" > "$tmp/gemm_torch.tsv"
  fi
  grep '^#' "$tmp/gemm_myelin.tsv" "$tmp/gemm_torch.tsv" | sed 's/^[^:]*://' || true
  print_table "GEMM, $threads threads (median of $reps, GFLOP/s; torch env: $torch_env)" \
    "$tmp/gemm_myelin.tsv" "$tmp/gemm_torch.tsv"
}

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
gemm_section

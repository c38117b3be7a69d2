#!/usr/bin/env bash
# A/B of two builds of Myelin on the end-to-end workloads (no PyTorch): alternates the two benchmark
# jars ROUNDS times on TinyRegressionBench (us per step) and MlpEpochBench (s per epoch) and prints
# each side's values and medians, so a change can be checked for a slowdown on this noisy machine.
#
# Usage: myelin-bench/bench/ab.sh OLD_benchmarks.jar NEW_benchmarks.jar [ROUNDS=5] [EPOCHS=3]
# (build a jar of an older commit with: git worktree add /tmp/old COMMIT && (cd /tmp/old && mvn -q -B -DskipTests package))
set -euo pipefail
old="$1"; new="$2"; rounds="${3:-5}"; epochs="${4:-3}"
java_bin="${JAVA25_HOME:+$JAVA25_HOME/bin/java}"
[[ -n "$java_bin" ]] || java_bin="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | sort | tail -n 1)"
run() { "$java_bin" --add-modules jdk.incubator.vector -cp "$1" "${@:2}" 2>/dev/null; }
declare -A vals
for ((r = 1; r <= rounds; r++)); do
  for side in old new; do
    jar=$old; [[ $side == new ]] && jar=$new
    vals[$side.tiny]+="$(run "$jar" dev.myelin.bench.TinyRegressionBench | cut -f2) "
    if [[ -d /usr/share/datasets/fashion-mnist ]]; then
      vals[$side.mlp]+="$(run "$jar" dev.myelin.bench.MlpEpochBench "$epochs" | cut -f2) "
    fi
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $rounds alternated rounds"
printf 'workload\told (each round)\tnew (each round)\told median\tnew median\tnew/old\n'
for w in tiny mlp; do
  [[ -n "${vals[old.$w]:-}" ]] || continue
  mo=$(echo "${vals[old.$w]}" | median); mn=$(echo "${vals[new.$w]}" | median)
  printf '%s\t%s\t%s\t%s\t%s\t%.3f\n' "$w" "${vals[old.$w]}" "${vals[new.$w]}" "$mo" "$mn" "$(echo "$mn / $mo" | bc -l)"
done

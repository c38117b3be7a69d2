#!/usr/bin/env bash
# Fuzzes Myelin's file readers with Jazzer (the @FuzzTest methods in myelin-core's tests).
#
#   fuzz/campaign.sh TARGET MINUTES      e.g. fuzz/campaign.sh model 10;  fuzz/campaign.sh all 0.1 (6 s each, as CI does)
#
# TARGET: model, idx, csv, estimator, architecture, tuner-log, graph, or all (one after another). Each target starts from
# its committed corpus (myelin-core/src/test/resources/.../<Test>Inputs/<method>, which `mvn verify` replays as
# tests) plus what earlier campaigns found (fuzz/corpus/<target>, not committed). A finding (an input that makes a
# reader throw anything but its documented one-line refusal, run out of memory or hang) is written to
# fuzz/findings/ and makes the script fail. The last line per target gives the executions, e.g.
#   fuzz model: 1234567 executions in 600 s, 0 findings
# Copy inputs worth keeping from fuzz/corpus/<target> into the committed Inputs directory to replay them in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A TARGETS=(
  [model]="dev.myelin.io.ModelFileFuzzTest loadModel dev/myelin/io/ModelFileFuzzTestInputs/loadModel"
  [idx]="dev.myelin.data.idx.IdxFuzzTest readImagesAndLabels dev/myelin/data/idx/IdxFuzzTestInputs/readImagesAndLabels"
  [csv]="dev.myelin.data.csv.CsvFuzzTest read dev/myelin/data/csv/CsvFuzzTestInputs/read"
  [estimator]="dev.myelin.estimator.EstimatorFileFuzzTest load dev/myelin/estimator/EstimatorFileFuzzTestInputs/load"
  [architecture]="dev.myelin.nn.ArchitectureFuzzTest parseAndBuild dev/myelin/nn/ArchitectureFuzzTestInputs/parseAndBuild"
  [tuner-log]="dev.myelin.tune.ResultsLogFuzzTest read dev/myelin/tune/ResultsLogFuzzTestInputs/read"
  [graph]="dev.myelin.data.graph.GraphFileFuzzTest read dev/myelin/data/graph/GraphFileFuzzTestInputs/read"
)
ORDER=(model idx csv estimator architecture tuner-log graph)

if [ $# -ne 2 ] || { [ "$1" != all ] && [ -z "${TARGETS[$1]+x}" ]; }; then
  echo "usage: fuzz/campaign.sh TARGET MINUTES   (TARGET: ${ORDER[*]} or all; MINUTES may be a fraction, e.g. 0.1)" >&2
  exit 2
fi
SECONDS_EACH=$(awk -v m="$2" 'BEGIN { s = int(m * 60 + 0.5); if (s < 1) s = 1; print s }')
targets=("$1"); [ "$1" = all ] && targets=("${ORDER[@]}")

# A JDK 25 as the ./myelin launcher finds it (the default java may be older).
JAVA="${MYELIN_JAVA:-}"
if [ -z "$JAVA" ]; then
  for j in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -x "$j" ] || continue
    v="$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then JAVA="$j"; break; fi
  done
fi
[ -n "$JAVA" ] || { echo "fuzz: needs Java 25 or newer" >&2; exit 1; }

# Compile the tests and take their class path once; then each target runs in one plain JVM (no Maven per target).
mvn -B -ntp -q -pl myelin-core test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt
CP="myelin-core/target/test-classes:myelin-core/target/classes:$(cat myelin-core/target/fuzz-classpath.txt)"

failed=0
for t in "${targets[@]}"; do
  read -r class method inputs <<<"${TARGETS[$t]}"
  corpus="fuzz/corpus/$t" findings="fuzz/findings/$t"
  mkdir -p "$corpus" "$findings"
  log="fuzz/findings/$t.log"
  set +e
  # -Xmx1g keeps the JVM under libFuzzer's 2 GB RSS limit; the readers' memory caps scale with the heap.
  "$JAVA" --add-modules jdk.incubator.vector -Xmx1g -Xss4m -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
    -cp "$CP" com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
    --instrumentation_includes='dev.myelin.**:org.apache.commons.csv.**:com.fasterxml.jackson.core.**' \
    --reproducer_path="$findings" -artifact_prefix="$findings/" -max_total_time="$SECONDS_EACH" -timeout=30 \
    "$corpus" "myelin-core/src/test/resources/$inputs" >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2 " executions in " $5 " s"}')
  found=$(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  echo "fuzz $t: ${runs:-no run finished}, $found findings"
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ] || [ -z "$runs" ]; then
    failed=1
    echo "fuzz $t: failed (exit $status); the end of $log:" >&2
    grep -v '^INFO: Instrumented' "$log" | tail -25 >&2
  fi
done
exit "$failed"

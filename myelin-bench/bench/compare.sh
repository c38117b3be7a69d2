#!/usr/bin/env bash
# Side-by-side Myelin vs PyTorch benchmarks on this machine. Prints, per section, a table:
#   shape | Myelin GFLOP/s | PyTorch GFLOP/s | ratio (Myelin / PyTorch)
#
# Usage: myelin-bench/bench/compare.sh [--threads N] [--reps N] [--rounds N] [--only a,b]
#                                      [--torch-env asis|unset] [--epochs N]
#                                      [--sections gemm,workloads,views,unroll,bmm,cnn,lstm,gru,spmm,attention,transformer]
#                                      [--cnn-batches N]
#                                      [--torch-splits 1x1,1x2,2x1,2x2]
#                                      [--steps N] [--rnn-lengths 28,128,512] [--rnn-splits 1x2,1x1]
#                                      [--attn-lengths 128,512,2048] [--attn-splits 1x1,2x1]
#                                      [--tfm-splits 1x1,2x1,1x2] [--tfm-threads 2,1]
#   --sections (default gemm,workloads): views = O(1) views vs contiguous() (us per call),
#   unroll = RNN-style unroll forward/backward (ms, us per step), bmm = attention-shaped batched
#   matmul with a transposed view (GFLOP/s); --only also filters bmm's shapes.
#   --torch-splits: the OMP_NUM_THREADSxOPENBLAS_NUM_THREADS splits PyTorch runs with in the views,
#   unroll and bmm sections; each row keeps PyTorch's best split (its "split" column says which).
#   --unroll-splits (default 1x1,2x2): the same for the unroll section only, whose PyTorch side is slow
#   (its select backward materializes a zero gradient of all of x per step: quadratic in T).
#   cnn = the CLI's cnn and lenet networks: seconds per Fashion-MNIST epoch (Adam, batch 128; median of
#   --epochs, the first being JIT warm-up, and --cnn-batches N times N batches scaled to a whole epoch) and
#   GFLOP/s of each convolution pass at batch 128; PyTorch with OMP 2 + OpenBLAS 1 and OMP 1 + OpenBLAS 2,
#   the faster kept.
#   lstm, gru = an epoch of Fashion-MNIST with each image's rows as 28 steps (one LSTM/GRU layer of 128,
#   last step -> Linear(128, 10), Adam, batch 128; s per epoch, median of --epochs epochs; --steps N runs
#   only N batches per epoch, scaled to the full 469, for a quick run), then one training step at each
#   sequence length of --rnn-lengths (ms); PyTorch at its best split of --rnn-splits (OMPxOPENBLAS).
#   spmm = a graph layer's sparse x dense product A.X, 100k nodes, 1M edges, 64 features (SpmmBench /
#   spmm_torch.py, torch.sparse.mm on a coalesced COO tensor): ms for the product and for product + backward
#   to X; PyTorch with 1 and 2 threads, the faster kept.
#   attention = forward+backward of scaled dot-product attention, q, k, v [8, 4, T, 16] (d = 64 over 4 heads), for
#   each T of --attn-lengths: Myelin's fused kernel (AttentionBench) against PyTorch 1.13's composite
#   softmax(q·kᵀ/√d)·v with autograd (attention_torch.py) at its best split of --attn-splits (OMPxOPENBLAS); ms
#   (ratio = Myelin / PyTorch), then the memory each side keeps for the backward beyond q, k, v (MB).
#   transformer = an epoch of Fashion-MNIST on the CLI's --model transformer network (rows as 28 steps, Linear(28, 64)
#   + learned positions, 2 encoder layers d 64, 4 heads, ff 128, dropout 0.1, mean, Linear(64, 10); Adam, batch 128):
#   TransformerEpochBench against transformer_torch.py epoch; s per epoch (median of --epochs; --steps N runs N batches
#   scaled to 469) and CPU s per epoch (all threads; steadier when the machine is shared); Myelin at its best of
#   --tfm-threads, PyTorch at its best split of --tfm-splits (OMPxOPENBLAS).
#   --rounds N (default 3) alternates Myelin and PyTorch runs N times and reports the median over
#   rounds of each side's median, so both see the same background load on a shared machine.
#   --torch-env unset (default) runs PyTorch with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from
#   its environment (faster here: OpenBLAS then picks its AVX-512 kernels); asis keeps them.
# Builds myelin-bench/target/benchmarks.jar if it is missing. PyTorch is skipped with a message when
# `python3 -c 'import torch'` fails.
#
# To add a workload: write a section function like gemm_section: for each round r, run both sides
# into $tmp/PREFIX_myelin.r.tsv and $tmp/PREFIX_torch.r.tsv (tab-separated, a header line starting
# with "name", a numeric column such as "gflops"; lines starting with # are comments), then call
# print_table TITLE PREFIX [COLUMN]; call the new section at the bottom.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/myelin-bench/target/benchmarks.jar"
python="${PYTHON:-/usr/bin/python3}"  # override with PYTHON=...
threads=2
reps=7
rounds=3
only=""
torch_env=unset
sections=gemm,workloads
epochs=3
torch_splits=1x1,1x2,2x1,2x2
cnn_batches=0  # 0: whole epochs
unroll_splits=1x1,2x2  # PyTorch's T=512 backward takes seconds (see unroll_section); --unroll-splits
rnn_steps=0            # batches per epoch in the lstm/gru sections (0: all)
rnn_lengths=28,128,512
attn_lengths=128,512,2048
attn_splits=1x1,2x1    # PyTorch's thread count 1 or 2 (OpenBLAS 1: its own threads fight OMP's on 2 cores)
tfm_splits=1x1,2x1,1x2 # the transformer epoch: PyTorch's splits tried each round, the fastest kept
tfm_threads=2,1        # ... and Myelin's thread counts
rnn_splits=1x2,1x1     # recurrent nets: PyTorch is fastest here with OMP 1 + OpenBLAS 2 (OMP 2: 3-20x slower under load)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --torch-env) torch_env="$2"; shift 2 ;;
    --sections) sections="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --torch-splits) torch_splits="$2"; shift 2 ;;
    --unroll-splits) unroll_splits="$2"; shift 2 ;;
    --cnn-batches) cnn_batches="$2"; shift 2 ;;
    --steps) rnn_steps="$2"; shift 2 ;;
    --rnn-lengths) rnn_lengths="$2"; shift 2 ;;
    --rnn-splits) rnn_splits="$2"; shift 2 ;;
    --attn-lengths) attn_lengths="$2"; shift 2 ;;
    --attn-splits) attn_splits="$2"; shift 2 ;;
    --tfm-splits) tfm_splits="$2"; shift 2 ;;
    --tfm-threads) tfm_threads="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

# A JDK 25 for the Vector API: $JAVA25_HOME, else the newest JDK 25 under /usr/lib/jvm.
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

# print_table TITLE PREFIX [COLUMN]: joins $tmp/PREFIX_myelin.*.tsv and $tmp/PREFIX_torch.*.tsv on
# "name" and prints the median over rounds of COLUMN (default gflops) for each side and their ratio.
# Missing PyTorch values print "-".
print_table() {
  local title="$1" prefix="$2" col="${3:-gflops}"
  echo
  echo "## $title"
  awk -F'\t' -v col="$col" '
    function median(list,   n, v, i, j, t) {
      n = split(list, v, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
      return n == 0 ? "" : (n % 2 ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2)
    }
    FNR == 1 { side = (FILENAME ~ /_myelin\./) ? "m" : "t" }
    /^#/ { next }
    $1 == "name" { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    side == "m" { if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } mine[$1] = mine[$1] " " $c; next }
    { theirs[$1] = theirs[$1] " " $c }
    END {
      printf "%-16s %14s %16s %7s\n", "shape", "Myelin " col, "PyTorch " col, "ratio"
      for (i = 1; i <= n; i++) {
        k = order[i]
        mv = median(mine[k])
        tv = (k in theirs) ? median(theirs[k]) : ""
        r = (tv != "" && tv > 0) ? sprintf("%.2f", mv / tv) : "-"
        printf "%-16s %14.2f %16s %7s\n", k, mv, (tv == "" ? "-" : sprintf("%.2f", tv)), r
      }
    }' "$tmp/${prefix}"_myelin.*.tsv $(ls "$tmp/${prefix}"_torch.*.tsv 2>/dev/null)
}

gemm_section() {
  local args=(--threads "$threads" --reps "$reps")
  [[ -n "$only" ]] && args+=(--only "$only")
  java_run dev.myelin.bench.GemmBench --list > "$tmp/shapes.tsv"
  for ((r = 1; r <= rounds; r++)); do
    java_run dev.myelin.bench.GemmBench "${args[@]}" > "$tmp/gemm_myelin.$r.tsv"
    if [[ $have_torch == 1 ]]; then
      torch_run "$here/gemm_torch.py" --shapes "$tmp/shapes.tsv" "${args[@]}" > "$tmp/gemm_torch.$r.tsv"
    fi
  done
  cat "$tmp"/gemm_*.1.tsv | grep '^#' || true
  print_table "GEMM, $threads threads (GFLOP/s: median over $rounds rounds of the median of $reps; torch env: $torch_env)" gemm
}

# workloads_section: the end-to-end workloads of bench/mlp_torch.py and their Java twins
# (TinyRegressionBench, MlpEpochBench), in time per step / per epoch; lower is better, so the ratio
# column is Myelin time / PyTorch time. PyTorch runs with both thread splits that were fastest here
# (OMP 1 + OpenBLAS 2, and OMP 2) and keeps the faster one.
workloads_section() {
  local data=/usr/share/datasets/fashion-mnist
  for ((r = 1; r <= rounds; r++)); do
    { printf 'name\ttime\n'; java_run dev.myelin.bench.TinyRegressionBench | cut -f1,2
      if [[ -d $data ]]; then java_run dev.myelin.bench.MlpEpochBench "$epochs" | cut -f1,2; fi; } > "$tmp/work_myelin.$r.tsv"
    if [[ $have_torch == 1 ]]; then
      { printf 'name\ttime\n'
        for w in tiny mlp; do
          [[ $w == mlp && ! -d $data ]] && continue
          a=$(EPOCHS=$epochs OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=2 torch_run "$here/mlp_torch.py" $w 1 "$data" | cut -f2)
          b=$(EPOCHS=$epochs OMP_NUM_THREADS=2 torch_run "$here/mlp_torch.py" $w 2 "$data" | cut -f2)
          printf '%s\t%s\n' "$w" "$(printf '%s\n%s\n' "$a" "$b" | sort -g | head -n 1)"
        done; } > "$tmp/work_torch.$r.tsv"
    fi
  done
  print_table "Workloads (tiny: us per step, mlp: s per epoch; median over $rounds rounds; ratio = Myelin time / PyTorch time)" work time
}

# cnn_section: bench/cnn_torch.py and its twin CnnEpochBench (seconds per epoch, lower is better, so the
# ratio is Myelin time / PyTorch time), then conv_torch.py and ConvBench (GFLOP/s per convolution pass).
# PyTorch runs each with OMP 2 + OpenBLAS 1 (its best for convolutions here) and OMP 1 + OpenBLAS 2 and
# keeps the faster.
cnn_section() {
  local data=/usr/share/datasets/fashion-mnist limit=()
  [[ $cnn_batches -gt 0 ]] && limit=("$cnn_batches")
  if [[ ! -d $data ]]; then echo "# cnn section skipped: no $data"; return; fi
  for ((r = 1; r <= rounds; r++)); do
    for m in cnn lenet; do
      { printf 'name\ttime\n'; java_run dev.myelin.bench.CnnEpochBench $m "$epochs" "${limit[@]}" | cut -f1,2; } > "$tmp/cnnep_myelin.$m.$r.tsv"
      if [[ $have_torch == 1 ]]; then
        a=$(EPOCHS=$epochs BATCHES=$cnn_batches OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=1 torch_run "$here/cnn_torch.py" $m 2 "$data" | cut -f2)
        b=$(EPOCHS=$epochs BATCHES=$cnn_batches OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=2 torch_run "$here/cnn_torch.py" $m 1 "$data" | cut -f2)
        { printf 'name\ttime\n'; printf '%s\t%s\n' $m "$(printf '%s\n%s\n' "$a" "$b" | sort -g | head -n 1)"; } > "$tmp/cnnep_torch.$m.$r.tsv"
      fi
    done
    java_run dev.myelin.bench.ConvBench --threads "$threads" --reps "$reps" \
      | awk -F'\t' -v OFS='\t' '/^#/ || $1 == "name" { print; next } { print $1 "/" $2, $2, $3, $4 }' > "$tmp/conv_myelin.$r.tsv"
    if [[ $have_torch == 1 ]]; then
      for split in 2x1 1x2; do
        OMP_NUM_THREADS="${split%x*}" OPENBLAS_NUM_THREADS="${split#*x}" torch_run "$here/conv_torch.py" "${split%x*}" \
          | awk -F'\t' -v OFS='\t' '/^#/ || $1 == "name" { print; next } { print $1 "/" $2, $2, $3, $4 }' > "$tmp/convsplit.$split.tsv"
      done
      awk -F'\t' -v OFS='\t' '/^#/ { next } $1 == "name" { if (!h) print; h = 1; next }
        { if (!($1 in best) || $3 + 0 > best[$1]) { best[$1] = $3 + 0; row[$1] = $0 } if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
        END { for (i = 1; i <= n; i++) print row[order[i]] }' "$tmp"/convsplit.2x1.tsv "$tmp"/convsplit.1x2.tsv > "$tmp/conv_torch.$r.tsv"
    fi
  done
  print_table "CNN epochs on Fashion-MNIST (s per epoch, median over $rounds rounds of the median of $epochs epochs; ratio = Myelin time / PyTorch time)" cnnep time
  print_table "Convolution passes at batch 128, $threads threads (GFLOP/s; ratio = Myelin / PyTorch)" conv gflops
}

# torch_best OUT COLUMN min|max ARGS...: runs bench/views_torch.py ARGS under every OMP x OpenBLAS
# thread split of --torch-splits and writes to OUT, per row name, the row of the split with the lowest
# (min) or highest (max) COLUMN, with a "split" column added (OMPxOPENBLAS).
torch_best() {
  local out="$1" col="$2" mode="$3"; shift 3
  local parts=() split
  for split in ${torch_splits//,/ }; do
    OMP_NUM_THREADS="${split%x*}" OPENBLAS_NUM_THREADS="${split#*x}" torch_run "$here/views_torch.py" "$@" \
      > "$tmp/split.$split.tsv"
    parts+=("$tmp/split.$split.tsv")
  done
  awk -F'\t' -v OFS='\t' -v col="$col" -v mode="$mode" '
    FNR == 1 { split(FILENAME, f, "split."); sp = f[2]; sub(/\.tsv$/, "", sp) }
    /^#/ { if (!(sp in said)) { print; said[sp] = 1 } next }
    $1 == "name" { for (i = 1; i <= NF; i++) if ($i == col) c = i; if (!hdr) { hdr = $0 "\tsplit" } next }
    {
      if (!($1 in best)) order[++n] = $1
      if (!($1 in best) || (mode == "min" ? $c + 0 < best[$1] : $c + 0 > best[$1])) { best[$1] = $c + 0; row[$1] = $0 "\t" sp }
    }
    END { print hdr; for (i = 1; i <= n; i++) print row[order[i]] }' "${parts[@]}" > "$out"
}

# print_splits PREFIX: how often each PyTorch split won, per row, over the rounds.
print_splits() {
  awk -F'\t' '/^#/ || $1 == "name" { next } { won[$1] = won[$1] " " $NF }
    END { for (k in won) printf "#   %s: %s\n", k, won[k] }' "$tmp/$1"_torch.*.tsv | sort
}

# views_section: time to make O(1) views of a 4096x4096 tensor (us per call; lower is better; ratio =
# Myelin time / PyTorch time), and contiguous() of the transposed view and a plain clone for scale.
views_section() {
  for ((r = 1; r <= rounds; r++)); do
    java_run dev.myelin.bench.ViewsBench --threads "$threads" --reps "$reps" > "$tmp/views_myelin.$r.tsv"
    [[ $have_torch == 1 ]] && torch_best "$tmp/views_torch.$r.tsv" us min views --reps "$reps"
  done
  cat "$tmp"/views_*.1.tsv | grep '^#' || true
  print_table "Views of a 4096x4096 tensor (us per call, median over $rounds rounds of the median of $reps; ratio = Myelin time / PyTorch time; PyTorch at its best split of $torch_splits)" views us
  [[ $have_torch == 1 ]] && { echo "# PyTorch's best split per row and round:"; print_splits views; }
  return 0
}

# unroll_section: RNN-style unroll over T of x [32, T, 64] (UnrollBench / views_torch.py unroll):
# forward and backward ms and backward us per step; ratio = Myelin time / PyTorch time.
unroll_section() {
  for ((r = 1; r <= rounds; r++)); do
    java_run dev.myelin.bench.UnrollBench --threads "$threads" > "$tmp/unroll_myelin.$r.tsv"
    [[ $have_torch == 1 ]] && torch_splits="$unroll_splits" torch_best "$tmp/unroll_torch.$r.tsv" value min unroll --reps 5
  done
  cat "$tmp"/unroll_*.1.tsv | grep '^#' || true
  print_table "RNN-style unroll, B=32 C=64, loss last = h_T.sum(), all = sum of h_t.sum() (fwd/bwd: ms, *_step: us per step; median over $rounds rounds of the median of 15 (Myelin) or 5 (PyTorch); ratio = Myelin time / PyTorch time; PyTorch at its best split of $unroll_splits)" unroll value
  [[ $have_torch == 1 ]] && { echo "# PyTorch's best split per row and round:"; print_splits unroll; }
  return 0
}

# bmm_section: attention-shaped batched products (BmmBench / views_torch.py bmm), GFLOP/s, higher is
# better; ratio = Myelin / PyTorch. Myelin's "kernel" column (a.matmul(b, out) into a reused output) and
# PyTorch's matmul (allocating) and bmm(out=) columns are printed after the table.
bmm_section() {
  local args=(--reps "$reps")
  [[ -n "$only" ]] && args+=(--only "$only")
  java_run dev.myelin.bench.BmmBench --list "${args[@]}" > "$tmp/bmm_shapes.tsv"
  for ((r = 1; r <= rounds; r++)); do
    java_run dev.myelin.bench.BmmBench --threads "$threads" "${args[@]}" > "$tmp/bmm_myelin.$r.tsv"
    [[ $have_torch == 1 ]] && torch_best "$tmp/bmm_torch.$r.tsv" gflops max bmm --shapes "$tmp/bmm_shapes.tsv" "${args[@]}"
  done
  cat "$tmp"/bmm_*.1.tsv | grep '^#' || true
  print_table "Batched products, attention shapes (GFLOP/s: median over $rounds rounds of the median of $reps; Myelin $threads threads; PyTorch at its best split of $torch_splits)" bmm
  echo "# Myelin a.matmul(b, out) into a reused output, GFLOP/s per round:"
  awk -F'\t' '/^#/ || $1 == "name" { next } { k[$1] = k[$1] " " $11; if (!($1 in s)) { o[++n] = $1; s[$1] = 1 } }
    END { for (i = 1; i <= n; i++) printf "#   %s:%s\n", o[i], k[o[i]] }' "$tmp"/bmm_myelin.*.tsv
  if [[ $have_torch == 1 ]]; then
    echo "# PyTorch best split per round: name: matmul (allocating) / bmm(out=) GFLOP/s @ split"
    awk -F'\t' '/^#/ || $1 == "name" { next } { k[$1] = k[$1] " " $11 "/" $12 "@" $13; if (!($1 in s)) { o[++n] = $1; s[$1] = 1 } }
      END { for (i = 1; i <= n; i++) printf "#   %s:%s\n", o[i], k[o[i]] }' "$tmp"/bmm_torch.*.tsv
  fi
  return 0
}

# rnn_torch_best OUT ARGS...: runs bench/rnn_torch.py ARGS under every OMP x OpenBLAS split of --rnn-splits and
# writes to OUT, per row name, the row of the split with the lowest time (column 2), with a "split" column.
rnn_torch_best() {
  local out="$1"; shift
  local split
  for split in ${rnn_splits//,/ }; do
    OMP_NUM_THREADS="${split%x*}" OPENBLAS_NUM_THREADS="${split#*x}" torch_run "$here/rnn_torch.py" "$@" \
      | awk -F'\t' -v OFS='\t' -v sp="$split" '$1 != "name" { print $0, sp }'
  done | awk -F'\t' -v OFS='\t' '
    !($1 in best) { order[++n] = $1 }
    !($1 in best) || $2 + 0 < best[$1] { best[$1] = $2 + 0; row[$1] = $0 }
    END { print "name\ttime"; for (i = 1; i <= n; i++) { split(row[order[i]], f, "\t"); print f[1], f[2]; print "# " row[order[i]] } }' > "$out"
}

# rnn_section lstm|gru: an epoch of Fashion-MNIST (RnnEpochBench / rnn_torch.py epoch), then one training step per
# sequence length (RnnStepBench / rnn_torch.py step); lower is better, ratio = Myelin time / PyTorch time.
rnn_section() {
  local kind="$1" data=/usr/share/datasets/fashion-mnist r
  local epoch_args=(--epochs "$epochs")
  [[ "$rnn_steps" != 0 ]] && epoch_args+=(--steps "$rnn_steps")
  for ((r = 1; r <= rounds; r++)); do
    if [[ -d $data ]]; then
      java_run dev.myelin.bench.RnnEpochBench "$kind" "${epoch_args[@]}" --threads "$threads" \
        | awk -F'\t' -v OFS='\t' 'BEGIN { print "name\ttime" } { print $1, $2; print "# " $0 }' > "$tmp/${kind}e_myelin.$r.tsv"
      [[ $have_torch == 1 ]] && rnn_torch_best "$tmp/${kind}e_torch.$r.tsv" epoch "$kind" "${epoch_args[@]}" --data "$data"
    fi
    java_run dev.myelin.bench.RnnStepBench "$kind" --lengths "$rnn_lengths" --threads "$threads" \
      | awk -F'\t' -v OFS='\t' '$1 == "name" { print "name\ttime"; next } { print $1, $2; print "# " $0 }' > "$tmp/${kind}s_myelin.$r.tsv"
    [[ $have_torch == 1 ]] && rnn_torch_best "$tmp/${kind}s_torch.$r.tsv" step "$kind" --lengths "$rnn_lengths"
  done
  if [[ -d $data ]]; then
    print_table "$kind: s per epoch of Fashion-MNIST (28 steps of 28, hidden 128, batch 128, Adam; ${rnn_steps/#0/all} batches per epoch; median over $rounds rounds of the median of $epochs epochs; Myelin $threads threads, PyTorch at its best split of $rnn_splits)" "${kind}e" time
    echo "# per round (Myelin, then PyTorch with its split):"; grep -h '^# ' "$tmp/${kind}e_myelin".*.tsv "$tmp/${kind}e_torch".*.tsv 2>/dev/null || true
  else
    echo "# $data not found: no epoch table"
  fi
  print_table "$kind: ms per training step, batch 128 of T steps of 28 (median over $rounds rounds; ratio = Myelin time / PyTorch time)" "${kind}s" time
  echo "# per round (name, ms, us per time step, min, max[, split]):"; grep -h '^# ' "$tmp/${kind}s_myelin".*.tsv "$tmp/${kind}s_torch".*.tsv 2>/dev/null || true
  return 0
}

# spmm_section: SpmmBench and bench/spmm_torch.py, ms per call (lower is better; ratio = Myelin time /
# PyTorch time). PyTorch runs with 1 and with 2 threads (OMP_NUM_THREADS and torch.set_num_threads) and keeps
# the faster per row; the sides alternate within each round.
spmm_section() {
  for ((r = 1; r <= rounds; r++)); do
    java_run dev.myelin.bench.SpmmBench --threads "$threads" --reps "$reps" > "$tmp/spmm_myelin.$r.tsv"
    if [[ $have_torch == 1 ]]; then
      for t in 1 2; do OMP_NUM_THREADS=$t torch_run "$here/spmm_torch.py" $t --reps "$reps" > "$tmp/spmmsplit.$t.tsv"; done
      awk -F'\t' -v OFS='\t' '/^#/ { print; next } $1 == "name" { if (!h) print; h = 1; next }
        { if (!($1 in best) || $2 + 0 < best[$1]) { best[$1] = $2 + 0; row[$1] = $0 } if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
        END { for (i = 1; i <= n; i++) print row[order[i]] }' "$tmp"/spmmsplit.1.tsv "$tmp"/spmmsplit.2.tsv > "$tmp/spmm_torch.$r.tsv"
    fi
  done
  cat "$tmp"/spmm_*.1.tsv | grep '^#' || true
  print_table "Sparse x dense, 100k nodes, 1M edges, 64 features (ms per call, median over $rounds rounds of the median of $reps; ratio = Myelin time / PyTorch time; PyTorch at its best of 1 and 2 threads)" spmm ms
  print_table "The same, process CPU time (ms of CPU per call, both sides' threads; ratio = Myelin / PyTorch)" spmm cpu_ms
  return 0
}

# attention_section: AttentionBench / attention_torch.py, alternating per round; PyTorch keeps its fastest split per
# row. Tables: ms of forward+backward (ratio = Myelin time / PyTorch time) and MB kept for the backward.
attention_section() {
  local r split
  for ((r = 1; r <= rounds; r++)); do
    java_run dev.myelin.bench.AttentionBench --lengths "$attn_lengths" --threads "$threads" --reps "$reps" > "$tmp/attn_myelin.$r.tsv"
    if [[ $have_torch == 1 ]]; then
      for split in ${attn_splits//,/ }; do
        OMP_NUM_THREADS="${split%x*}" OPENBLAS_NUM_THREADS="${split#*x}" torch_run "$here/attention_torch.py" --lengths "$attn_lengths" --reps "$reps" \
          | awk -F'\t' -v OFS='\t' -v sp="$split" '/^#/ || $1 == "name" { next } { print $0, sp }'
      done | awk -F'\t' -v OFS='\t' '
        !($1 in best) { order[++n] = $1 }
        !($1 in best) || $2 + 0 < best[$1] { best[$1] = $2 + 0; row[$1] = $0 }
        END { print "name\tms\tmin\tmax\talloc_mb\tsaved_mb\tpeak_rss_mb\tcpu_ms\tsplit"; for (i = 1; i <= n; i++) print row[order[i]] }' > "$tmp/attn_torch.$r.tsv"
    fi
  done
  grep -h '^#' "$tmp/attn_myelin.1.tsv" || true
  print_table "Attention forward+backward, B=8 H=4 T x 16 (ms, median over $rounds rounds of the median of $reps; Myelin $threads threads, PyTorch at its best split of $attn_splits; ratio = Myelin time / PyTorch time)" attn ms
  print_table "Attention forward+backward CPU time of all threads (ms, same runs; the fairer measure on a busy machine)" attn cpu_ms
  print_table "Attention memory kept for the backward beyond q, k, v (MB; Myelin: output + log-sum-exp; PyTorch: the [B, H, T, T] softmax)" attn saved_mb
  echo "# Myelin per round: name ms, bytes allocated by one forward+backward (MB), kernel scratch per thread (kB):"
  awk -F'\t' '/^#/ || $1 == "name" { next } { printf "#   %s %s ms, alloc %s MB, scratch %s kB, cpu %s ms\n", $1, $2, $5, $7, $8 }' "$tmp"/attn_myelin.*.tsv
  if [[ $have_torch == 1 ]]; then
    echo "# PyTorch per round: name ms [B,H,T,T] bytes created (MB) peak RSS (MB) CPU ms split:"
    awk -F'\t' '/^#/ || $1 == "name" { next } { printf "#   %s %s ms, %s MB, rss %s MB, cpu %s ms, %s\n", $1, $2, $5, $7, $8, $9 }' "$tmp"/attn_torch.*.tsv
  fi
  return 0
}

# best_of OUT: reads "transformer_epoch<TAB>seconds<TAB>...cpu_s=X..." lines tagged with their split on stdin and writes the
# fastest (by wall seconds) as "name time cpu" to OUT, each run kept as a comment.
best_of() {
  awk -F'\t' -v OFS='\t' '
    { for (i = 1; i <= NF; i++) if ($i ~ /cpu_s=/) { match($i, /cpu_s=[0-9.]+/); cpu = substr($i, RSTART + 6, RLENGTH - 6) }
      runs = runs "# " $0 "\n"
      if (best == "" || $2 + 0 < best) { best = $2 + 0; bestcpu = cpu } }
    END { print "name\ttime\tcpu"; print "transformer_epoch", best, bestcpu; printf "%s", runs }' > "$1"
}

# transformer_section: an epoch of the built-in transformer (TransformerEpochBench / transformer_torch.py epoch),
# alternating per round; each side at its best thread count or split of the round.
transformer_section() {
  local data=/usr/share/datasets/fashion-mnist r t split
  local epoch_args=(--epochs "$epochs")
  [[ "$rnn_steps" != 0 ]] && epoch_args+=(--steps "$rnn_steps")
  if [[ ! -d $data ]]; then echo "# $data not found: no transformer table"; return 0; fi
  for ((r = 1; r <= rounds; r++)); do
    for t in ${tfm_threads//,/ }; do
      java_run dev.myelin.bench.TransformerEpochBench "${epoch_args[@]}" --threads "$t" | awk -v OFS='\t' -v t="$t" '{ print $0, "threads=" t }'
    done | best_of "$tmp/tfm_myelin.$r.tsv"
    if [[ $have_torch == 1 ]]; then
      for split in ${tfm_splits//,/ }; do
        OMP_NUM_THREADS="${split%x*}" OPENBLAS_NUM_THREADS="${split#*x}" torch_run "$here/transformer_torch.py" epoch "${epoch_args[@]}" --data "$data" \
          | awk -v OFS='\t' -v sp="$split" '{ print $0, "split=" sp }'
      done | best_of "$tmp/tfm_torch.$r.tsv"
    fi
  done
  print_table "transformer: s per epoch of Fashion-MNIST (2 encoder layers d 64, 4 heads, batch 128, Adam; ${rnn_steps/#0/all} batches per epoch; median over $rounds rounds of each round's best; Myelin at its best of $tfm_threads threads, PyTorch of $tfm_splits)" tfm time
  print_table "transformer: CPU s per epoch (all threads) of the same runs" tfm cpu
  echo "# per round (Myelin, then PyTorch):"; grep -h '^# ' "$tmp"/tfm_myelin.*.tsv "$tmp"/tfm_torch.*.tsv 2>/dev/null || true
  return 0
}

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
[[ ",$sections," == *,gemm,* ]] && gemm_section
[[ ",$sections," == *,workloads,* ]] && workloads_section
[[ ",$sections," == *,views,* ]] && views_section
[[ ",$sections," == *,unroll,* ]] && unroll_section
[[ ",$sections," == *,bmm,* ]] && bmm_section
[[ ",$sections," == *,cnn,* ]] && cnn_section
for kind in lstm gru; do [[ ",$sections," == *,$kind,* ]] && rnn_section "$kind"; done
[[ ",$sections," == *,spmm,* ]] && spmm_section
[[ ",$sections," == *,attention,* ]] && attention_section
[[ ",$sections," == *,transformer,* ]] && transformer_section
exit 0

package dev.myelin.bench;

import dev.myelin.kernel.FlashAttention;
import dev.myelin.kernel.Parallel;
import dev.myelin.nn.attention.AttentionF;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Forward + backward of scaled dot-product attention on the fused kernel, q, k, v [8, 4, T, 16] (d = 64 over 4
 * heads), as bench/attention_torch.py: tab-separated name (sdpa_T128, ...), median ms of forward+backward, min,
 * max, then memory: {@code alloc_mb}, the bytes the JVM allocated (com.sun.management.ThreadMXBean's
 * per-thread counters summed over all live threads) during one forward+backward, which bounds the peak of what
 * the step adds; {@code saved_mb}, what the op keeps for its backward beyond its inputs (the output and the
 * per-row log-sum-exp); {@code scratch_kb}, the kernel's per-thread block buffers (computed from its block sizes);
 * {@code cpu_ms}, the median CPU time of all threads per forward+backward (for A/B decisions on a busy machine).
 * Arguments: [--lengths 128,512,2048] [--reps N (default 7)] [--threads N] [--batch N (default 8)] [--dropout P (default
 * 0)] [--composite] (the composite path, for comparison: it materializes [B, H, T, T]).
 */
public final class AttentionBench {
    static final int HEADS = 4, HEAD_DIM = 16;

    private AttentionBench() {}

    public static void main(String[] args) {
        int[] lengths = {128, 512, 2048};
        int reps = 7;
        boolean composite = false;
        int batch = 8;
        double dropout = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lengths" ->
                    lengths = Arrays.stream(args[++i].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--threads" -> Parallel.setThreads(Integer.parseInt(args[++i]));
                case "--composite" -> composite = true;
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--dropout" -> dropout = Double.parseDouble(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (expected --lengths a,b, --reps N, --threads N, --batch N, --dropout P, --composite)");
            }
        }
        System.out.println("# Myelin " + (composite ? "composite" : "fused") + " SDPA"
                + (dropout > 0 ? " with dropout " + dropout : "") + ", B=" + batch + " H=" + HEADS + " E=" + HEAD_DIM
                + ", " + Parallel.threads() + " threads");
        System.out.println("name\tms\tmin\tmax\talloc_mb\tsaved_mb\tscratch_kb\tcpu_ms");
        for (int t : lengths) {
            Generator gen = new Generator(0);
            Tensor q = Tensor.randn(gen, batch, HEADS, t, HEAD_DIM).requiresGrad(true),
                    k = Tensor.randn(gen, batch, HEADS, t, HEAD_DIM).requiresGrad(true),
                    v = Tensor.randn(gen, batch, HEADS, t, HEAD_DIM).requiresGrad(true),
                    g = Tensor.randn(gen, batch, HEADS, t, HEAD_DIM);
            final boolean comp = composite;
            final double p = dropout;
            Generator drops = new Generator(1);
            Runnable step = () -> {
                q.zeroGrad();
                k.zeroGrad();
                v.zeroGrad();
                Tensor out = comp
                        ? AttentionF.composite(q, k, v, null, p, false, null, drops)
                                .output()
                        : AttentionF.scaledDotProductAttention(q, k, v, null, p, false, null, drops);
                out.backward(g);
            };
            // until the JIT has compiled the kernel: ~200 steps at T = 128 (measured: 20 left the first length at 3x
            // its time)
            int warm = (int) Math.max(3, 200.0 * (128.0 / t) * (128.0 / t));
            for (int w = 0; w < warm; w++) step.run();
            double[] ms = new double[reps], cpu = new double[reps];
            for (int r = 0; r < reps; r++) {
                long c0 = cpuNanos(), t0 = System.nanoTime();
                step.run();
                ms[r] = (System.nanoTime() - t0) / 1e6;
                cpu[r] = (cpuNanos() - c0) / 1e6;
            }
            Arrays.sort(cpu);
            long before = allocatedBytes();
            step.run();
            long alloc = allocatedBytes() - before;
            Arrays.sort(ms);
            FlashAttention.Dims d = new FlashAttention.Dims(batch * HEADS, t, t, HEAD_DIM, HEAD_DIM);
            long saved = comp ? 4L * batch * HEADS * t * t : 4L * batch * HEADS * t * (HEAD_DIM + 1);
            long scratch = Math.max(FlashAttention.forwardScratchBytes(d), FlashAttention.backwardScratchBytes(d));
            System.out.printf(
                    Locale.ROOT,
                    "sdpa_T%d\t%.2f\t%.2f\t%.2f\t%.1f\t%.2f\t%.1f\t%.2f%n",
                    t,
                    ms[reps / 2],
                    ms[0],
                    ms[reps - 1],
                    alloc / 1e6,
                    saved / 1e6,
                    scratch / 1e3,
                    cpu[reps / 2]);
        }
    }

    /** CPU time used so far by all live threads (less sensitive to other processes than wall time on a shared machine). */
    static long cpuNanos() {
        var mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long c = mx.getThreadCpuTime(id);
            if (c > 0) sum += c;
        }
        return sum;
    }

    /** Bytes allocated so far by all live threads (the pool's workers included). */
    static long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) if (b > 0) sum += b;
        return sum;
    }
}

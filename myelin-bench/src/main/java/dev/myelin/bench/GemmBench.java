package dev.myelin.bench;

import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.Parallel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Plain GFLOP/s runner for {@link GemmShapes}: per shape, warm up, then time {@code reps} batches
 * of products (each batch about {@code batchMillis}) and print the median. Runs in about a minute.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.GemmBench
 * [--threads N] [--reps N] [--batch-ms X] [--only name1,name2] [--list]}. Output is tab-separated: name, m, n, k, tA, tB,
 * GFLOP/s (median), min and max over reps, and microseconds per product.
 */
public final class GemmBench {

    private GemmBench() {}

    /** Entry point; see the class comment for arguments. */
    public static void main(String[] args) {
        int threads = Parallel.threads();
        int reps = 7;
        double batchMillis = 60;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--batch-ms" -> batchMillis = Double.parseDouble(args[++i]);
                case "--only" -> only = "," + args[++i] + ",";
                case "--list" -> {
                    // The shape table for other tools (bench/gemm_torch.py), so shapes live in one place.
                    for (GemmShapes.Shape s : GemmShapes.ALL) {
                        System.out.printf(
                                Locale.ROOT,
                                "%s\t%d\t%d\t%d\t%s\t%s%n",
                                s.name(),
                                s.m(),
                                s.n(),
                                s.k(),
                                s.tA() ? "T" : "N",
                                s.tB() ? "T" : "N");
                    }
                    return;
                }
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (expected --threads N, --reps N, --batch-ms X, --only a,b, --list)");
            }
        }
        Parallel.setThreads(threads);
        System.out.println("# myelin GemmBench threads=" + threads + " reps=" + reps);
        java.util.List<GemmShapes.Shape> shapes = new java.util.ArrayList<>();
        for (GemmShapes.Shape s : GemmShapes.ALL) {
            if (only == null || only.contains("," + s.name() + ",")) {
                shapes.add(s);
            }
        }
        // One untimed pass over every shape first, so the JIT has compiled all code paths (packing,
        // kernels, threading) before the first measurement.
        for (GemmShapes.Shape s : shapes) {
            measure(s, 1, 20, 150, false);
        }
        System.out.println("name\tm\tn\tk\ttA\ttB\tgflops\tmin\tmax\tus");
        for (GemmShapes.Shape s : shapes) {
            measure(s, reps, batchMillis, 200, true);
        }
    }

    private static void measure(GemmShapes.Shape s, int reps, double batchMillis, long warmMillis, boolean print) {
        Random rnd = new Random(42);
        float[] a = new float[s.m() * s.k()];
        float[] b = new float[s.k() * s.n()];
        float[] c = new float[s.m() * s.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        int lda = s.tA() ? s.m() : s.k();
        int ldb = s.tB() ? s.k() : s.n();
        // Warm up until the JIT is done: rounds of warmMillis until a round is no more than 3% faster
        // than the one before (at least 6, at most 12 rounds). Vector API code runs orders of magnitude slower
        // before C2 compiles it, and on a busy machine that can take seconds.
        double perCallNs = Double.MAX_VALUE;
        int minRounds = print ? 6 : 3; // a method stuck in the interpreter also looks "stable"
        for (int round = 0; round < 12; round++) {
            long end = System.nanoTime() + warmMillis * 1_000_000L;
            int calls = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() < end || calls < 3) {
                Gemm.sgemm(s.tA(), s.tB(), s.m(), s.n(), s.k(), a, 0, lda, b, 0, ldb, c, 0, s.n(), false);
                calls++;
            }
            double ns = (System.nanoTime() - t0) / (double) calls;
            boolean stable = ns > perCallNs * 0.97;
            perCallNs = Math.min(perCallNs, ns);
            if (stable && round >= minRounds - 1) {
                break;
            }
        }
        int iters = (int) Math.max(1, Math.min(1_000_000, batchMillis * 1e6 / perCallNs));
        double[] gflops = new double[reps];
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < iters; i++) {
                Gemm.sgemm(s.tA(), s.tB(), s.m(), s.n(), s.k(), a, 0, lda, b, 0, ldb, c, 0, s.n(), false);
            }
            long ns = System.nanoTime() - start;
            gflops[r] = s.flops() * iters / ns;
        }
        if (!print) {
            return;
        }
        Arrays.sort(gflops);
        double med = gflops[reps / 2];
        System.out.printf(
                Locale.ROOT,
                "%s\t%d\t%d\t%d\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f%n",
                s.name(),
                s.m(),
                s.n(),
                s.k(),
                s.tA() ? "T" : "N",
                s.tB() ? "T" : "N",
                med,
                gflops[0],
                gflops[reps - 1],
                s.flops() / med / 1e3);
    }
}

package dev.myelin.bench;

import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Batched products of attention's shapes through {@code Tensor.matmul}: scores q·kᵀ, with q and k
 * [B·H, T, d] and kᵀ the view {@code k.transpose(-2, -1)} (read as a GEMM transpose flag, not copied), and
 * probabilities·values p·v, with p [B·H, T, T] and v [B·H, T, d]. The twin is {@code bench/views_torch.py bmm}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.BmmBench
 * [--threads N] [--reps N] [--batch-ms X] [--bh N] [--only a,b] [--list]}. Prints a TSV: name, bh, m, n, k, tB,
 * GFLOP/s of {@code matmul} (median over reps; a new output tensor per call, as the API returns one), its min
 * and max, µs per call, and {@code kernel}: GFLOP/s of {@code a.matmul(b, out)} into a reused compact output
 * (PyTorch's {@code out=}: what is left without the output's allocation and zeroing).
 */
public final class BmmBench {
    private BmmBench() {}

    /** One batched product: C[bh, m, n] = A[bh, m, k]·op(B); {@code qk} means B is kᵀ, a transposed view. */
    record Shape(String name, int bh, int m, int n, int k, boolean qk) {
        double flops() {
            return 2.0 * bh * m * n * k;
        }
    }

    static List<Shape> shapes(int bh) {
        List<Shape> out = new ArrayList<>();
        for (int t : new int[] {28, 128}) {
            for (int d : new int[] {16, 64}) {
                out.add(new Shape("qk_T" + t + "_d" + d, bh, t, t, d, true));
                out.add(new Shape("pv_T" + t + "_d" + d, bh, t, d, t, false));
            }
        }
        return out;
    }

    static double sink;

    public static void main(String[] args) {
        int threads = Parallel.threads();
        int reps = 7;
        int bh = 512;
        double batchMillis = 60;
        String only = null;
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--bh" -> bh = Integer.parseInt(args[++i]);
                case "--batch-ms" -> batchMillis = Double.parseDouble(args[++i]);
                case "--only" -> only = "," + args[++i] + ",";
                case "--list" -> list = true;
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (expected --threads N, --reps N, --bh N, --batch-ms X, --only a,b, --list)");
            }
        }
        List<Shape> shapes = new ArrayList<>();
        for (Shape s : shapes(bh)) {
            if (only == null || only.contains("," + s.name() + ",")) {
                shapes.add(s);
            }
        }
        if (list) { // the shape table for bench/views_torch.py bmm, so shapes live in one place
            for (Shape s : shapes) {
                System.out.printf(
                        Locale.ROOT,
                        "%s\t%d\t%d\t%d\t%d\t%s%n",
                        s.name(),
                        s.bh(),
                        s.m(),
                        s.n(),
                        s.k(),
                        s.qk() ? "T" : "N");
            }
            return;
        }
        Parallel.setThreads(threads);
        System.out.println("# myelin BmmBench threads=" + threads + " reps=" + reps);
        for (Shape s : shapes) { // untimed pass: compile every path first
            new Case(s).measure(1, 20, 200);
        }
        System.out.println("name\tbh\tm\tn\tk\ttB\tgflops\tmin\tmax\tus\tkernel");
        for (Shape s : shapes) {
            Case c = new Case(s);
            double[] api = c.measure(reps, batchMillis, 300);
            double[] kernel = c.measureKernel(reps, batchMillis, 300);
            System.out.printf(
                    Locale.ROOT,
                    "%s\t%d\t%d\t%d\t%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f%n",
                    s.name(),
                    s.bh(),
                    s.m(),
                    s.n(),
                    s.k(),
                    s.qk() ? "T" : "N",
                    api[0],
                    api[1],
                    api[2],
                    s.flops() / api[0] / 1e3,
                    kernel[0]);
        }
        if (sink == 42) {
            System.out.println("#");
        }
    }

    private static final class Case {
        final Shape s;
        final Tensor a;
        final Tensor b;
        final Tensor c;

        Case(Shape s) {
            this.s = s;
            Generator gen = new Generator(42);
            a = Tensor.rand(gen, s.bh(), s.m(), s.k()).sub(0.5f);
            b = s.qk()
                    ? Tensor.rand(gen, s.bh(), s.n(), s.k()).sub(0.5f).transpose(-2, -1)
                    : Tensor.rand(gen, s.bh(), s.k(), s.n()).sub(0.5f);
            c = Tensor.zeros(s.bh(), s.m(), s.n());
        }

        void api() {
            Tensor out = a.matmul(b);
            sink += out.storageOffset() + out.size(0);
        }

        /** The same product into a reused output, {@code a.matmul(b, out)} (PyTorch's {@code out=}); no new array to zero. */
        void kernel() {
            a.matmul(b, c);
        }

        double[] measure(int reps, double batchMillis, long warmMillis) {
            return time(this::api, reps, batchMillis, warmMillis);
        }

        double[] measureKernel(int reps, double batchMillis, long warmMillis) {
            return time(this::kernel, reps, batchMillis, warmMillis);
        }

        /** Median, min and max GFLOP/s over reps, after warm-up rounds until a round is within 3% of the best. */
        private double[] time(Runnable call, int reps, double batchMillis, long warmMillis) {
            double perCallNs = Double.MAX_VALUE;
            for (int round = 0; round < 12; round++) {
                long end = System.nanoTime() + warmMillis * 1_000_000L;
                int calls = 0;
                long t0 = System.nanoTime();
                while (System.nanoTime() < end || calls < 3) {
                    call.run();
                    calls++;
                }
                double ns = (System.nanoTime() - t0) / (double) calls;
                boolean stable = ns > perCallNs * 0.97;
                perCallNs = Math.min(perCallNs, ns);
                if (stable && round >= (reps > 1 ? 5 : 2)) {
                    break;
                }
            }
            int iters = (int) Math.max(1, Math.min(1_000_000, batchMillis * 1e6 / perCallNs));
            double[] g = new double[reps];
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < iters; i++) {
                    call.run();
                }
                g[r] = s.flops() * iters / (System.nanoTime() - start);
            }
            Arrays.sort(g);
            return new double[] {g[reps / 2], g[0], g[reps - 1]};
        }
    }
}

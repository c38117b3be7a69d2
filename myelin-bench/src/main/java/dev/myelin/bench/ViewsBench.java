package dev.myelin.bench;

import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Views are O(1): the time of making a view (transpose, permute, narrow, step slice, select, expand,
 * chunk, unfold) of a 4096×4096 tensor, next to {@code contiguous()} of the transposed view (a real
 * 64 MB copy) and {@code copy()} of the tensor itself (a plain 64 MB copy) for scale. The twin is {@code bench/views_torch.py views}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.ViewsBench
 * [--threads N] [--reps N] [--size N]}. Prints a TSV: name, us (median over reps of the mean time of one call in
 * a batch of calls), min, max, calls per rep. The {@code *_grad} rows make the same view of a tensor that
 * requires grad, so the op also records its backward node.
 */
public final class ViewsBench {
    private ViewsBench() {}

    private record Op(String name, Function<Tensor, Object> f, boolean grad) {}

    /** Keeps the JIT from dropping the views: every result's shape feeds this. */
    static long sink;

    public static void main(String[] args) {
        int threads = Parallel.threads();
        int reps = 7;
        int size = 4096;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (expected --threads N, --reps N, --size N)");
            }
        }
        Parallel.setThreads(threads);
        int n = size;
        Tensor x = Tensor.randn(new Generator(42), n, n);
        Tensor xg = Tensor.randn(new Generator(43), n, n).requiresGrad(true);
        List<Op> ops = List.of(
                new Op("transpose", t -> t.transpose(0, 1), false),
                new Op("permute", t -> t.permute(1, 0), false),
                new Op("narrow", t -> t.narrow(0, n / 4, n / 2), false),
                new Op("slice_step2", t -> t.slice(1, 0, n, 2), false),
                new Op("select", t -> t.select(0, 7), false),
                new Op("expand", t -> t.expand(4, n, n), false),
                new Op("chunk4", t -> t.chunk(4, 0), false),
                new Op("unfold", t -> t.unfold(1, 64, 64), false),
                new Op("transpose_grad", t -> t.transpose(0, 1), true),
                new Op("slice_step2_grad", t -> t.slice(1, 0, n, 2), true),
                new Op("contiguous_T", t -> t.transpose(0, 1).contiguous(), false),
                new Op("clone", Tensor::copy, false));
        System.out.println("# myelin ViewsBench size=" + n + "x" + n + " threads=" + threads + " reps=" + reps);
        for (Op op : ops) { // untimed pass so every op is compiled before the first measurement
            measure(op, op.grad ? xg : x, 1, 200);
        }
        System.out.println("name\tus\tmin\tmax\tcalls");
        for (Op op : ops) {
            double[] r = measure(op, op.grad ? xg : x, reps, 300);
            System.out.printf(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f\t%d%n", op.name, r[0], r[1], r[2], (long) r[3]);
        }
        if (sink == 42) {
            System.out.println("#");
        }
    }

    /** Median, min and max microseconds per call over reps, and the calls per rep. */
    private static double[] measure(Op op, Tensor in, int reps, long warmMillis) {
        long t0 = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - t0 < warmMillis * 1_000_000L || calls < 3) {
            consume(op.f.apply(in));
            calls++;
        }
        double perCall = (System.nanoTime() - t0) / (double) calls;
        long iters = Math.max(1, Math.min(10_000_000L, (long) (50e6 / perCall))); // ~50 ms per rep
        double[] us = new double[reps];
        for (int r = 0; r < reps; r++) {
            long s = System.nanoTime();
            for (long i = 0; i < iters; i++) {
                consume(op.f.apply(in));
            }
            us[r] = (System.nanoTime() - s) / 1e3 / iters;
        }
        Arrays.sort(us);
        return new double[] {us[reps / 2], us[0], us[reps - 1], iters};
    }

    private static void consume(Object o) {
        if (o instanceof Tensor t) {
            sink += t.storageOffset() + t.stride(0) + t.size(t.dim() - 1);
        } else if (o instanceof List<?> l) {
            for (Object e : l) {
                consume(e);
            }
        }
    }
}

package dev.myelin.bench;

import dev.myelin.kernel.Parallel;
import dev.myelin.nn.conv.BatchNorm2d;
import dev.myelin.nn.conv.PoolF;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Plain runner for the CNN's pooling: {@code max_pool2d(x, 2)} forward and backward (through autograd, as in
 * training) on the {@code cnn} model's activations [128, 32, 28, 28] and [128, 64, 14, 14], plus a 3×3 stride-2
 * padded max pool, a 2×2 average pool and BatchNorm2d(32) in training. Prints the median milliseconds; its PyTorch twin is
 * {@code bench/pool_torch.py}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.PoolBench [--threads N] [--reps N]}.
 */
public final class PoolBench {

    private PoolBench() {}

    private record Case(String name, int[] shape, String kind) {}

    private static final Case[] CASES = {
        new Case("max2_32x28", new int[] {128, 32, 28, 28}, "max2"),
        new Case("max2_64x14", new int[] {128, 64, 14, 14}, "max2"),
        new Case("max3s2p1_32x28", new int[] {128, 32, 28, 28}, "max3"),
        new Case("avg2_32x28", new int[] {128, 32, 28, 28}, "avg2"),
        new Case("bn_32x28", new int[] {128, 32, 28, 28}, "bn"),
    };

    /** Entry point; see the class comment for arguments. */
    public static void main(String[] args) {
        int threads = Parallel.threads(), reps = 21;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (expected --threads N, --reps N)");
            }
        }
        Parallel.setThreads(threads);
        System.out.println("# myelin PoolBench threads=" + threads + " reps=" + reps);
        System.out.println("name\tforward_ms\tbackward_ms");
        Generator gen = new Generator(0);
        for (Case c : CASES) {
            Tensor x = Tensor.randn(gen, c.shape).requiresGrad(true);
            double[] fwd = new double[reps], bwd = new double[reps];
            for (int r = -5; r < reps; r++) { // five untimed rounds for the JIT
                x.zeroGrad();
                long t0 = System.nanoTime();
                Tensor y = pool(c.kind, x);
                long t1 = System.nanoTime();
                y.backward(Tensor.onesLike(y));
                long t2 = System.nanoTime();
                if (r >= 0) {
                    fwd[r] = (t1 - t0) / 1e6;
                    bwd[r] = (t2 - t1) / 1e6;
                }
            }
            System.out.printf(Locale.ROOT, "%s\t%.3f\t%.3f%n", c.name, median(fwd), median(bwd));
        }
    }

    private static final BatchNorm2d BN = new BatchNorm2d(32);

    private static Tensor pool(String kind, Tensor x) {
        int[] one = {1, 1}, zero = {0, 0};
        return switch (kind) {
            case "max2" -> PoolF.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, zero, one, false);
            case "max3" -> PoolF.maxPool2d(x, new int[] {3, 3}, new int[] {2, 2}, one, one, false);
            case "avg2" -> PoolF.avgPool2d(x, new int[] {2, 2}, new int[] {2, 2}, zero, false, true, null);
            case "bn" -> BN.forward(x);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}

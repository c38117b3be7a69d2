package dev.myelin.bench;

import dev.myelin.kernel.Conv2dKernel;
import dev.myelin.kernel.ConvGeometry;
import dev.myelin.kernel.Parallel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Plain GFLOP/s runner for the convolution kernels on the layer shapes of the CLI's {@code cnn} and {@code lenet}
 * models at batch 128 (twin: {@code bench/conv_torch.py}): per shape and pass (forward, backward-input,
 * backward-weight), warm up, then time {@code reps} calls and print the median.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.ConvBench
 * [--threads N] [--reps N]}. Output, tab-separated: name, pass, GFLOP/s (median), milliseconds per call (median).
 */
public final class ConvBench {

    /** One layer: name and geometry (batch, channels, height, width, out channels, kernel, padding). */
    record Layer(String name, ConvGeometry g) {}

    static final Layer[] LAYERS = {
        new Layer("cnn.conv1", ConvGeometry.of(128, 1, 28, 28, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1)),
        new Layer("cnn.conv2", ConvGeometry.of(128, 32, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1)),
        new Layer("lenet.conv1", ConvGeometry.of(128, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1, 1)),
        new Layer("lenet.conv2", ConvGeometry.of(128, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1)),
    };

    private ConvBench() {}

    /** Entry point; see the class comment for arguments. */
    public static void main(String[] args) {
        int threads = Parallel.threads(), reps = 15;
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
        System.out.println("# myelin ConvBench threads=" + threads + " reps=" + reps);
        System.out.println("name\tpass\tgflops\tms");
        for (Layer l : LAYERS) {
            ConvGeometry g = l.g();
            Random rnd = new Random(42);
            float[] x = random(rnd, g.batch() * g.inImage()),
                    w = random(rnd, g.weightSize()),
                    b = random(rnd, g.outChannels());
            float[] y = new float[g.batch() * g.outImage()],
                    dy = random(rnd, y.length),
                    dx = new float[x.length],
                    dw = new float[w.length];
            report(l.name(), "forward", g, reps, () -> Conv2dKernel.forward(g, x, w, b, y));
            report(l.name(), "backward-input", g, reps, () -> Conv2dKernel.backwardInput(g, dy, w, dx));
            report(l.name(), "backward-weight", g, reps, () -> Conv2dKernel.backwardWeight(g, x, dy, dw));
        }
    }

    private static void report(String name, String pass, ConvGeometry g, int reps, Runnable call) {
        for (long end = System.nanoTime() + 1_500_000_000L; System.nanoTime() < end; ) call.run(); // JIT warm-up
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            call.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[reps / 2];
        System.out.printf(Locale.ROOT, "%s\t%s\t%.1f\t%.2f%n", name, pass, 2.0 * g.macs() / (median * 1e6), median);
    }

    private static float[] random(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() - 0.5f;
        return a;
    }
}

package dev.myelin.bench;

import dev.myelin.kernel.Conv2dKernel;
import dev.myelin.kernel.ConvGeometry;
import dev.myelin.kernel.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The convolution passes of {@code cnn} and {@code lenet} (batch 16) on one thread, timed by the thread's CPU time:
 * GFLOP/s per core that a busy machine barely moves, for comparing two builds (run both jars alternately).
 * Arguments: warm-up calls and timed calls per pass (e.g. 300 30). Prints the median GFLOP/s per pass.
 */
public final class ConvCpuBench {
    private ConvCpuBench() {}

    public static void main(String[] a) {
        Parallel.setThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warm = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]);
        ConvGeometry[] gs = {
            ConvGeometry.of(16, 1, 28, 28, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1),
            ConvGeometry.of(16, 32, 14, 14, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1),
            ConvGeometry.of(16, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2, 1, 1, 1),
            ConvGeometry.of(16, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0, 1, 1, 1)
        };
        String[] names = {"cnn.conv1", "cnn.conv2", "lenet.conv1", "lenet.conv2"};
        for (int li = 0; li < gs.length; li++) {
            ConvGeometry g = gs[li];
            Random r = new Random(1);
            float[] x = new float[g.batch() * g.inImage()],
                    w = new float[g.weightSize()],
                    b = new float[g.outChannels()];
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - .5f;
            for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - .5f;
            float[] y = new float[g.batch() * g.outImage()], dy = y.clone(), dx = x.clone(), dw = w.clone();
            for (int i = 0; i < dy.length; i++) dy[i] = r.nextFloat() - .5f;
            Runnable[] passes = {
                () -> Conv2dKernel.forward(g, x, w, b, y),
                () -> Conv2dKernel.backwardInput(g, dy, w, dx),
                () -> Conv2dKernel.backwardWeight(g, x, dy, dw)
            };
            String[] pn = {"fwd", "bwdIn", "bwdW"};
            StringBuilder sb = new StringBuilder(names[li]);
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < warm; i++) passes[p].run();
                long[] t = new long[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    passes[p].run();
                    t[i] = mx.getCurrentThreadCpuTime() - t0;
                }
                Arrays.sort(t);
                sb.append(String.format(Locale.ROOT, "\t%s %.1f", pn[p], 2.0 * g.macs() / t[reps / 2]));
            }
            System.out.println(sb);
        }
    }
}

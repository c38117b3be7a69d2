package dev.myelin.bench;

import dev.myelin.kernel.Parallel;
import dev.myelin.nn.F;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * An RNN-style unroll over the time dim of x [B, T, C] that requires grad: h = tanh(linear(x.select(1, t), Wx) +
 * linear(h, Wh)) for t = 0..T-1 from h = 0. Each step reads its input as a view of x, so backward scatters each
 * step's gradient into its slice of x's gradient: backward should cost the same per step whatever T is (linear
 * in T overall). Two losses: {@code last} = h.sum() of the last step, and {@code all} = the sum over t of
 * h_t.sum(). With {@code last} the gradient decays geometrically going back in time and, after a couple of
 * hundred steps, passes through the float subnormal range (about 1e-38 to 1e-45) before it reaches 0; products
 * with subnormal operands run ~100x slower on x86 (no flush-to-zero in Java, nor by default in PyTorch), so a
 * long unroll pays for a few dozen slow steps. {@code all} feeds a gradient of order 1 into every step, so
 * it never underflows: it measures the graph's cost without that effect. The twin is
 * {@code bench/views_torch.py unroll}.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.myelin.bench.UnrollBench
 * [--threads N] [--reps N] [--T 32,128,512] [--batch 32] [--channels 64] [--loss last,all]}. Prints a TSV: name,
 * value, unit; per loss and T the median over reps of the forward time, the backward time and both per step
 * (rows LOSS_TT_fwd, LOSS_TT_bwd in ms, LOSS_TT_bwd_step, LOSS_TT_fwd_step in us).
 */
public final class UnrollBench {
    private UnrollBench() {}

    public static void main(String[] args) {
        int threads = Parallel.threads();
        int reps = 15;
        int batch = 32;
        int channels = 64;
        int[] lengths = {32, 128, 512};
        String[] losses = {"last", "all"};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--channels" -> channels = Integer.parseInt(args[++i]);
                case "--loss" -> losses = args[++i].split(",");
                case "--T" ->
                    lengths = Arrays.stream(args[++i].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (expected --threads N, --reps N, --T a,b,c, --batch N, --channels N, --loss last,all)");
            }
        }
        Parallel.setThreads(threads);
        System.out.println(
                "# myelin UnrollBench B=" + batch + " C=" + channels + " threads=" + threads + " reps=" + reps);
        // Warm-up on the longest unroll until the JIT has settled: at least 1.5 s and 10 passes.
        int tMax = Arrays.stream(lengths).max().orElse(32);
        Run warm = new Run(batch, tMax, channels, true);
        long w0 = System.nanoTime();
        for (int i = 0; i < 10 || System.nanoTime() - w0 < 1_500_000_000L; i++) {
            warm.once();
        }
        System.out.println("name\tvalue\tunit");
        for (String loss : losses) {
            for (int t : lengths) {
                Run run = new Run(batch, t, channels, loss.equals("all"));
                for (int i = 0; i < 3; i++) {
                    run.once();
                }
                double[] fwd = new double[reps];
                double[] bwd = new double[reps];
                for (int r = 0; r < reps; r++) {
                    long[] ns = run.once();
                    fwd[r] = ns[0] / 1e6;
                    bwd[r] = ns[1] / 1e6;
                }
                Arrays.sort(fwd);
                Arrays.sort(bwd);
                double f = fwd[reps / 2];
                double b = bwd[reps / 2];
                System.out.printf(Locale.ROOT, "%s_T%d_fwd\t%.4f\tms%n", loss, t, f);
                System.out.printf(Locale.ROOT, "%s_T%d_bwd\t%.4f\tms%n", loss, t, b);
                System.out.printf(Locale.ROOT, "%s_T%d_bwd_step\t%.3f\tus%n", loss, t, b * 1e3 / t);
                System.out.printf(Locale.ROOT, "%s_T%d_fwd_step\t%.3f\tus%n", loss, t, f * 1e3 / t);
            }
        }
    }

    /** One unroll's tensors; {@link #once} runs forward then backward and returns both times in ns. */
    private static final class Run {
        final Tensor x;
        final Tensor wx;
        final Tensor wh;
        final int batch;
        final int steps;
        final int channels;
        final boolean lossAll;
        double check;

        Run(int batch, int steps, int channels, boolean lossAll) {
            this.lossAll = lossAll;
            Generator gen = new Generator(7);
            this.batch = batch;
            this.steps = steps;
            this.channels = channels;
            float scale = (float) (1 / Math.sqrt(channels));
            x = Tensor.randn(gen, batch, steps, channels).requiresGrad(true);
            wx = Tensor.randn(gen, channels, channels).mul(scale).detach().requiresGrad(true);
            wh = Tensor.randn(gen, channels, channels).mul(scale).detach().requiresGrad(true);
        }

        long[] once() {
            x.zeroGrad();
            wx.zeroGrad();
            wh.zeroGrad();
            long t0 = System.nanoTime();
            Tensor h = Tensor.zeros(batch, channels);
            Tensor loss = null;
            for (int t = 0; t < steps; t++) {
                h = F.linear(x.select(1, t), wx, null)
                        .add(F.linear(h, wh, null))
                        .tanh();
                if (lossAll) {
                    loss = loss == null ? h.sum() : loss.add(h.sum());
                }
            }
            if (!lossAll) {
                loss = h.sum();
            }
            long t1 = System.nanoTime();
            loss.backward();
            long t2 = System.nanoTime();
            check += x.grad().get(0, 0, 0) + wh.grad().get(0, 0);
            return new long[] {t1 - t0, t2 - t1};
        }
    }
}

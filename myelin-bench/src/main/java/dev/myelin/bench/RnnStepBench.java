package dev.myelin.bench;

import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * One training step of {@link RnnModel} (forward, backward, Adam) on a random batch x [128, T, 28] for each
 * sequence length T, as bench/rnn_torch.py {@code step}: tab-separated name (lstm_T28, ...), median ms per
 * step, µs per time step, min and max. Arguments: lstm|gru [--lengths 28,128,512] [--reps N (default 15)]
 * [--threads N].
 */
public final class RnnStepBench {
    private RnnStepBench() {}

    public static void main(String[] args) {
        String kind = args[0];
        int[] lengths = {28, 128, 512};
        int reps = 15;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--lengths" ->
                    lengths = Arrays.stream(args[++i].split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--threads" -> Parallel.setThreads(Integer.parseInt(args[++i]));
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (expected --lengths a,b, --reps N, --threads N)");
            }
        }
        System.out.println("name\tms\tus_per_t\tmin\tmax");
        for (int steps : lengths) {
            Generator gen = new Generator(0);
            RnnModel model = new RnnModel(kind, gen);
            Tensor x = Tensor.rand(gen, 128, steps, RnnModel.FEATURES),
                    y = Tensor.randint(gen, 0, RnnModel.CLASSES, 128);
            int warm =
                    Math.max(3, 60 * 28 / steps); // the JIT compiles the kernels in the first thousand or so time steps
            for (int w = 0; w < warm; w++) model.trainStep(x, y);
            double[] ms = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                model.trainStep(x, y);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = ms[reps / 2];
            System.out.printf(
                    Locale.ROOT,
                    "%s_T%d\t%.2f\t%.1f\t%.2f\t%.2f%n",
                    kind,
                    steps,
                    median,
                    median * 1000 / steps,
                    ms[0],
                    ms[reps - 1]);
        }
    }
}

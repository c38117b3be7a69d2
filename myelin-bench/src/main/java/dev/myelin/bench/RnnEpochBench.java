package dev.myelin.bench;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The recurrent workload of bench/rnn_torch.py ({@code epoch}): Fashion-MNIST with each image's 28 rows as 28
 * time steps of 28 features, {@link RnnModel} (LSTM or GRU of hidden 128, batch 128, shuffled, Adam 1e-3).
 * Prints the median seconds per epoch and the test accuracy after the last epoch. With {@code --steps N} each
 * epoch runs only its first N batches and the time is scaled to a full epoch (469 batches), for quick runs.
 * Arguments: lstm|gru [--epochs N (default 2)] [--steps N] [--threads N].
 */
public final class RnnEpochBench {
    private RnnEpochBench() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int epochs = 2, steps = Integer.MAX_VALUE;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--threads" -> Parallel.setThreads(Integer.parseInt(args[++i]));
                default ->
                    throw new IllegalArgumentException(
                            "unknown argument " + args[i] + " (expected --epochs N, --steps N, --threads N)");
            }
        }
        ImageDataSet data = DatasetRegistry.defaults().load("fashion-mnist", true);
        Generator gen = new Generator(0);
        RnnModel model = new RnnModel(kind, gen);
        DataLoader<Batch> loader = DataLoader.builder(data.train())
                .batchSize(128)
                .shuffle(true)
                .generator(gen.split())
                .build();
        int perEpoch = loader.numBatches(), run = Math.min(steps, perEpoch);
        double[] seconds = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            int done = 0;
            long t0 = System.nanoTime();
            for (Batch b : loader) {
                if (done++ == run) break;
                model.trainStep(images(b.inputs()), b.targets());
            }
            seconds[e] = (System.nanoTime() - t0) / 1e9 * perEpoch / run;
        }
        double correct = 0;
        Tensor features = data.test().features(), targets = data.test().targets();
        try (var ignored = NoGrad.enter()) {
            model.eval();
            for (int i = 0;
                    i < features.size(0);
                    i += 1000) { // chunks: the projections of all steps of 10000 images are 570 MB
                int n = Math.min(1000, features.size(0) - i);
                Tensor predicted =
                        model.forward(images(features.narrow(0, i, n))).argmax(1);
                correct += predicted.eq(targets.narrow(0, i, n)).sum().item();
            }
        }
        double accuracy = correct / features.size(0);
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s_epoch\t%.3f\ts/epoch\ttest_acc=%.4f batches=%d/%d threads=%d epochs=%s%n",
                kind,
                sorted[epochs / 2],
                accuracy,
                run,
                perEpoch,
                Parallel.threads(),
                Arrays.toString(seconds));
    }

    /** Flat rows [N, 784] as sequences [N, 28, 28]: row r of an image is time step r. */
    private static Tensor images(Tensor flat) {
        return flat.reshape(flat.size(0), 28, 28);
    }
}

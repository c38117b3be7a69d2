package dev.myelin.bench;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.kernel.Parallel;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Mean;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Unflatten;
import dev.myelin.nn.attention.LearnedPositionalEmbedding;
import dev.myelin.nn.attention.TransformerEncoder;
import dev.myelin.nn.attention.TransformerEncoderLayer;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Transformer workload of bench/transformer_torch.py ({@code epoch}): the network of {@code myelin train
 * --model transformer} (each Fashion-MNIST image's 28 rows as 28 steps, Linear(28, 64) plus a learned positional
 * embedding (initial std 0.02), 2 post-norm encoder layers of d 64, 4 heads, feed-forward 128, dropout 0.1, the mean over the steps,
 * Linear(64, 10)), batch 128, shuffled, Adam 1e-3. Prints the median seconds per epoch and the test accuracy after
 * the last epoch (and the CPU seconds of all threads per epoch, steadier than the wall time on a busy machine); with {@code --steps N} each epoch runs only its first N batches, the time scaled to a full epoch.
 * Arguments: [--epochs N (default 2)] [--steps N] [--threads N].
 */
public final class TransformerEpochBench {
    private TransformerEpochBench() {}

    /** The CLI's built-in transformer for 28x28 images and 10 classes. */
    static Module model(Generator gen) {
        return model(gen, 0.1);
    }

    /** The built-in transformer with the encoder layers' dropout {@code dropout}. */
    static Module model(Generator gen, double dropout) {
        TransformerEncoderLayer layer =
                new TransformerEncoderLayer(64, 4, 128, dropout, dev.myelin.nn.Activation.RELU, 1e-5, true, false, gen);
        return new Sequential(
                new Unflatten(1, 28, 28),
                new Linear(28, 64, gen),
                new LearnedPositionalEmbedding(28, 64, true, 0.02, gen),
                new TransformerEncoder(layer, 2, null),
                new Mean(1),
                new Linear(64, 10, gen));
    }

    public static void main(String[] args) throws Exception {
        int epochs = 2, steps = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
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
        Module model = model(gen);
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        DataLoader<Batch> loader = DataLoader.builder(data.train())
                .batchSize(128)
                .shuffle(true)
                .generator(gen.split())
                .build();
        int perEpoch = loader.numBatches(), run = Math.min(steps, perEpoch);
        double[] seconds = new double[epochs], cpu = new double[epochs];
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int e = 0; e < epochs; e++) {
            int done = 0;
            model.train();
            long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
            for (Batch b : loader) {
                if (done++ == run) break;
                optimizer.zeroGrad();
                criterion.forward(model.forward(b.inputs()), b.targets()).backward();
                optimizer.step();
            }
            seconds[e] = (System.nanoTime() - t0) / 1e9 * perEpoch / run;
            cpu[e] = (os.getProcessCpuTime() - c0)
                    / 1e9
                    * perEpoch
                    / run; // CPU seconds of all threads: steadier than the wall on a busy machine
        }
        double accuracy = accuracy(model, data.test().features(), data.test().targets());
        double[] sorted = seconds.clone(), cpuSorted = cpu.clone();
        Arrays.sort(sorted);
        Arrays.sort(cpuSorted);
        System.out.printf(
                Locale.ROOT,
                "transformer_epoch\t%.3f\ts/epoch\ttest_acc=%.4f batches=%d/%d threads=%d cpu_s=%.3f epochs=%s%n",
                sorted[epochs / 2],
                accuracy,
                run,
                perEpoch,
                Parallel.threads(),
                cpuSorted[epochs / 2],
                Arrays.toString(seconds));
    }

    /** The model's accuracy on (features, targets) in eval mode, 1000 rows at a time. */
    static double accuracy(Module model, Tensor features, Tensor targets) {
        double correct = 0;
        try (var ignored = NoGrad.enter()) {
            model.eval();
            for (int i = 0; i < features.size(0); i += 1000) {
                int n = Math.min(1000, features.size(0) - i);
                correct += model.forward(features.narrow(0, i, n))
                        .argmax(1)
                        .eq(targets.narrow(0, i, n))
                        .sum()
                        .item();
            }
        }
        return correct / features.size(0);
    }
}

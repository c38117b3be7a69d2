package dev.myelin.bench;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Unflatten;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.MaxPool2d;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * The convolutional workloads of bench/cnn_torch.py: the CLI's {@code cnn} and {@code lenet} networks (docs/CNN.md)
 * on Fashion-MNIST, Adam(1e-3), batch 128, shuffled. Prints the median seconds per epoch and the test accuracy.
 * Arguments: model (cnn or lenet), [epochs (default 2)], [batches per epoch (default all; a quick run times
 * fewer batches and scales the time to a whole epoch)]. With {@code -Dmyelin.bench.cpu=true} the times are the main
 * thread's CPU time instead of wall time: with {@code -Dmyelin.threads=1} (or Parallel at one thread) that compares
 * two builds on a machine busy with other work, where wall time measures the neighbours.
 */
public final class CnnEpochBench {
    private CnnEpochBench() {}

    /** The network of {@code myelin train --model NAME} on 28x28 one-channel images with 10 classes. */
    static Module network(String name, Generator gen) {
        return switch (name) {
            case "cnn" ->
                new Sequential(
                        new Unflatten(1, 1, 28, 28),
                        new Conv2d(1, 32, 3, 1, 1, gen),
                        new ReLU(true),
                        new MaxPool2d(2),
                        new Conv2d(32, 64, 3, 1, 1, gen),
                        new ReLU(true),
                        new MaxPool2d(2),
                        new Flatten(),
                        new Linear(3136, 128, gen),
                        new ReLU(),
                        new Linear(128, 10, gen));
            case "lenet" ->
                new Sequential(
                        new Unflatten(1, 1, 28, 28),
                        new Conv2d(1, 6, 5, 1, 2, gen),
                        new ReLU(true),
                        new MaxPool2d(2),
                        new Conv2d(6, 16, 5, 1, 0, gen),
                        new ReLU(true),
                        new MaxPool2d(2),
                        new Flatten(),
                        new Linear(400, 120, gen),
                        new ReLU(),
                        new Linear(120, 84, gen),
                        new ReLU(),
                        new Linear(84, 10, gen));
            default -> throw new IllegalArgumentException("model must be cnn or lenet, not '" + name + "'");
        };
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "cnn";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        ImageDataSet data = DatasetRegistry.defaults().load("fashion-mnist", true);
        Generator gen = new Generator(0);
        Module model = network(name, gen);
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        DataLoader<Batch> loader = DataLoader.builder(data.train())
                .batchSize(128)
                .shuffle(true)
                .generator(gen.split())
                .build();
        int total = (data.train().size() + 127) / 128;
        boolean cpu = Boolean.getBoolean("myelin.bench.cpu");
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] times = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long t0 = cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
            int done = 0;
            for (Batch b : loader) {
                if (done == limit) break;
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(model.forward(b.inputs()), b.targets());
                loss.backward();
                optimizer.step();
                done++;
            }
            times[e] = ((cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9 * total / done;
        }
        double correct = 0;
        int tested = data.test().size();
        try (var ignored = NoGrad.enter()) { // in batches of 1000: the first activations of all 10000 would take 1 GB
            for (int i = 0; i < tested; i += 1000) {
                int n = Math.min(1000, tested - i);
                Tensor predicted =
                        model.forward(data.test().features().narrow(0, i, n)).argmax(1);
                correct += predicted
                        .eq(data.test().targets().narrow(0, i, n))
                        .sum()
                        .item();
            }
        }
        double accuracy = correct / tested;
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s\t%.3f\ts/epoch\ttest_acc=%.4f epochs=%s%n",
                name,
                sorted[epochs / 2],
                accuracy,
                Arrays.toString(times));
    }
}

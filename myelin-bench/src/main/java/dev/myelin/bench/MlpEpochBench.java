package dev.myelin.bench;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.MLP;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The MLP workload of bench/mlp_torch.py: 784-256-128-10 ReLU on Fashion-MNIST, Adam(1e-3),
 * batch 128, shuffled; prints the median seconds per epoch and the final test accuracy.
 * Arguments: [epochs (default 3)].
 */
public final class MlpEpochBench {
    private MlpEpochBench() {}

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ImageDataSet data = DatasetRegistry.defaults().load("fashion-mnist", true);
        Generator gen = new Generator(0);
        MLP model = new MLP(784, List.of(256, 128), 10, gen);
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        DataLoader<Batch> loader = DataLoader.builder(data.train())
                .batchSize(128)
                .shuffle(true)
                .generator(gen.split())
                .build();
        double[] times = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            for (Batch b : loader) {
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(model.forward(b.inputs()), b.targets());
                loss.backward();
                optimizer.step();
            }
            times[e] = (System.nanoTime() - t0) / 1e9;
        }
        double accuracy;
        try (var ignored = NoGrad.enter()) {
            Tensor predicted = model.forward(data.test().features()).argmax(1);
            accuracy = predicted.eq(data.test().targets()).mean().item();
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "mlp\t%.3f\ts/epoch\ttest_acc=%.4f epochs=%s%n",
                sorted[epochs / 2],
                accuracy,
                Arrays.toString(times));
    }
}

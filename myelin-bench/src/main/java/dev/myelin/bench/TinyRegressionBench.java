package dev.myelin.bench;

import dev.myelin.loss.MSELoss;
import dev.myelin.nn.MLP;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The course's PyTorch example as a workload: X = randn(100, 10), y = row sums, MLP 10-32-16-1,
 * MSE, Adam(1e-3), one full-batch step = zero_grad, forward, loss, backward, step. Prints the median
 * microseconds per step over 5 repetitions (after a warm-up), in the format of bench/mlp_torch.py.
 */
public final class TinyRegressionBench {
    private TinyRegressionBench() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Generator gen = new Generator(0);
        Tensor x = Tensor.randn(gen, 100, 10);
        Tensor y = x.sum(1, true);
        MLP model = new MLP(10, List.of(32, 16), 1, gen);
        MSELoss criterion = new MSELoss();
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        float loss = 0;
        for (int i = 0; i < 20000; i++)
            loss = step(model, criterion, optimizer, x, y); // warm-up: let the JIT compile the step
        double[] reps = new double[5];
        for (int r = 0; r < reps.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) loss = step(model, criterion, optimizer, x, y);
            reps[r] = (System.nanoTime() - t0) / 1e3 / steps;
        }
        Arrays.sort(reps);
        System.out.printf(Locale.ROOT, "tiny\t%.1f\tus/step\tloss=%.4f%n", reps[reps.length / 2], loss);
    }

    private static float step(MLP model, MSELoss criterion, Adam optimizer, Tensor x, Tensor y) {
        optimizer.zeroGrad();
        Tensor loss = criterion.forward(model.forward(x), y);
        loss.backward();
        optimizer.step();
        return loss.item();
    }
}

package dev.myelin.bench;

import dev.myelin.kernel.Parallel;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.rnn.LSTM;
import dev.myelin.nn.rnn.LstmOutput;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.util.Arrays;
import java.util.Locale;

/**
 * The batch of the {@code --model lstm} Fashion-MNIST workload, as bench/lstm_torch.py: rows as steps,
 * x [128, 28, 28] batch first → LSTM(28, 128) → the last step's h → Linear(128, 10) → cross-entropy,
 * forward and backward (no optimizer step; random data). Prints the median milliseconds per batch and the
 * implied seconds per epoch (469 batches of 60000 images). Arguments: [reps (default 30)] [threads].
 */
public final class LstmBatchBench {
    private LstmBatchBench() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        if (args.length > 1) Parallel.setThreads(Integer.parseInt(args[1]));
        Generator gen = new Generator(0);
        LSTM lstm = new LSTM(28, 128, 1, true, true, 0, false, gen);
        Linear head = new Linear(128, 10, gen);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Tensor x = Tensor.rand(gen, 128, 28, 28);
        Tensor y = Tensor.randint(gen, 0, 10, 128);
        double[] ms = new double[reps];
        for (int warm = 0; warm < 10; warm++) step(lstm, head, criterion, x, y);
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            step(lstm, head, criterion, x, y);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[reps / 2];
        System.out.printf(Locale.ROOT, "lstm_batch\t%.2f\tms/batch\tepoch≈%.1fs threads=%d min=%.2f max=%.2f%n",
                median, median * 469 / 1000, Parallel.threads(), ms[0], ms[reps - 1]);
    }

    private static void step(LSTM lstm, Linear head, CrossEntropyLoss criterion, Tensor x, Tensor y) {
        lstm.zeroGrad();
        head.zeroGrad();
        LstmOutput out = lstm.forward(x, null);
        Tensor loss = criterion.forward(head.forward(out.h().select(0, 0)), y);
        loss.backward();
    }
}

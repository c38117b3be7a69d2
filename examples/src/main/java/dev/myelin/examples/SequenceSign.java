package dev.myelin.examples;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * The toy task of the sequence examples ({@link LstmSequence}, {@link TransformerSequence}): is the sum of a sequence
 * of 12 random numbers positive? Inputs [N, 12, 1] (batch first), targets the class (0 or 1) per sequence.
 */
final class SequenceSign {
    static final int STEPS = 12;

    final Tensor x, y;

    SequenceSign(int n, Generator gen) {
        x = Tensor.randn(gen, n, STEPS, 1);
        float[] v = x.values(), labels = new float[n];
        for (int i = 0; i < n; i++) {
            float s = 0;
            for (int t = 0; t < STEPS; t++) s += v[i * STEPS + t];
            labels[i] = s > 0 ? 1 : 0;
        }
        y = new Tensor(labels, n);
    }

    /** The fraction of rows of logits [N, 2] whose larger logit is the target class. */
    double accuracy(Tensor logits) {
        float[] p = logits.values(), t = y.values();
        int right = 0;
        for (int i = 0; i < t.length; i++) right += ((p[2 * i + 1] > p[2 * i]) ? 1 : 0) == (int) t[i] ? 1 : 0;
        return right / (double) t.length;
    }
}

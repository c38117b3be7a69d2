package dev.myelin.data.sequence;

import dev.myelin.tensor.Generator;

/**
 * Draws the next token from a model's scores (logits), as {@code torch.multinomial(softmax(logits / T), 1)}:
 * a temperature below 1 sharpens the distribution towards the likeliest tokens, above 1 flattens it, 0 takes
 * the likeliest (greedy).
 */
public final class Sampling {
    private Sampling() {}

    /** An index drawn from softmax(logits[offset .. offset+n) / temperature), using one draw of {@code gen}. */
    public static int sample(float[] logits, int offset, int n, double temperature, Generator gen) {
        if (!(temperature >= 0) || Double.isInfinite(temperature))
            throw new IllegalArgumentException("Sampling: temperature must be >= 0 and finite, got " + temperature);
        if (n <= 0 || offset < 0 || offset + n > logits.length)
            throw new IllegalArgumentException("Sampling: scores [" + offset + ", " + (offset + n) + ") are out of range for " + logits.length);
        int best = offset;
        for (int i = offset + 1; i < offset + n; i++) if (logits[i] > logits[best]) best = i;
        if (!Float.isFinite(logits[best])) throw new IllegalArgumentException("Sampling: the scores are not finite (largest " + logits[best] + ")");
        if (temperature == 0) return best - offset;
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += p[i] = Math.exp((logits[offset + i] - logits[best]) / temperature); // shifted: no overflow
        double u = gen.nextDouble() * sum, acc = 0;
        for (int i = 0; i < n; i++) {
            acc += p[i];
            if (u < acc) return i;
        }
        return best - offset; // u rounded up to sum
    }
}

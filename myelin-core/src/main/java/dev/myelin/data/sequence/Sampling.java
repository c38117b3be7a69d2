package dev.myelin.data.sequence;

import dev.myelin.tensor.Generator;

/**
 * Draws the next token from a model's scores (logits), as {@code torch.multinomial(softmax(logits / T), 1)}:
 * a temperature below 1 sharpens the distribution towards the likeliest tokens, above 1 flattens it, 0 takes
 * the likeliest (greedy). Top-k sampling (as minGPT's {@code generate}) first drops every score below the k-th
 * largest, so that the long tail of unlikely tokens is never drawn.
 */
public final class Sampling {
    private Sampling() {}

    /**
     * Draws an index from softmax(logits[offset .. offset+n) / temperature), using one draw of {@code gen}.
     *
     * @param logits the scores, e.g. the last time step of a model's output
     * @param offset where the n scores start in {@code logits}
     * @param n the number of scores (the vocabulary size)
     * @param temperature finite and &gt;= 0; 0 takes the largest score without drawing
     * @param gen the source of the draw
     * @return the drawn index in {@code [0, n)}, relative to {@code offset}
     * @throws IllegalArgumentException if the range is out of bounds, the temperature is negative or infinite, or
     *     the largest score is not finite
     */
    public static int sample(float[] logits, int offset, int n, double temperature, Generator gen) {
        return sample(logits, offset, n, temperature, 0, gen);
    }

    /**
     * As {@link #sample(float[], int, int, double, Generator)} among the {@code topK} largest scores only (scores equal
     * to the k-th largest stay in, as {@code logits[logits < topk(logits, k).values[-1]] = -inf}); 0 keeps all.
     *
     * @param logits the scores
     * @param offset where the n scores start in {@code logits}
     * @param n the number of scores (the vocabulary size)
     * @param temperature finite and &gt;= 0; 0 takes the largest score without drawing
     * @param topK how many of the largest scores may be drawn; 0 (or n and more) keeps all
     * @param gen the source of the draw
     * @return the drawn index in {@code [0, n)}, relative to {@code offset}
     * @throws IllegalArgumentException if {@code topK} is negative, the range is out of bounds, the temperature is
     *     negative or infinite, or the largest score is not finite
     */
    public static int sample(float[] logits, int offset, int n, double temperature, int topK, Generator gen) {
        if (topK < 0) throw new IllegalArgumentException("Sampling: topK must be >= 0 (0 = all scores), got " + topK);
        if (!(temperature >= 0) || Double.isInfinite(temperature))
            throw new IllegalArgumentException("Sampling: temperature must be >= 0 and finite, got " + temperature);
        if (n <= 0 || offset < 0 || offset + n > logits.length)
            throw new IllegalArgumentException(
                    "Sampling: scores [" + offset + ", " + (offset + n) + ") are out of range for " + logits.length);
        int best = offset;
        for (int i = offset + 1; i < offset + n; i++) if (logits[i] > logits[best]) best = i;
        if (!Float.isFinite(logits[best]))
            throw new IllegalArgumentException("Sampling: the scores are not finite (largest " + logits[best] + ")");
        if (temperature == 0) return best - offset;
        float floor = topK == 0 || topK >= n ? Float.NEGATIVE_INFINITY : kthLargest(logits, offset, n, topK);
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) // shifted by the largest: no overflow
        sum += p[i] = logits[offset + i] < floor ? 0 : Math.exp((logits[offset + i] - logits[best]) / temperature);
        double u = gen.nextDouble() * sum, acc = 0;
        for (int i = 0; i < n; i++) {
            acc += p[i];
            if (u < acc) return i;
        }
        return best - offset; // u rounded up to sum
    }

    /** The k-th largest of logits[offset .. offset+n), 1 <= k < n. */
    private static float kthLargest(float[] logits, int offset, int n, int k) {
        float[] sorted = java.util.Arrays.copyOfRange(logits, offset, offset + n);
        java.util.Arrays.sort(sorted);
        return sorted[n - k];
    }
}

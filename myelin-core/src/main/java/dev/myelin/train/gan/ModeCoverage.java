package dev.myelin.train.gan;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * How many modes of a mixture of Gaussians a generator covers, the usual measure of mode collapse (Metz et al.
 * 2017; Srivastava et al. 2017): a sample belongs to its nearest center when it lies within {@code sigmas} standard
 * deviations of it (a "high-quality" sample), and a mode counts as covered when at least {@code minFraction} of
 * all samples belong to it. The GAN papers' setting is 3 standard deviations and 2 % ({@link #DEFAULT_SIGMAS},
 * {@link #DEFAULT_MIN_FRACTION}).
 *
 * @param counts      samples within reach of each center
 * @param covered     centers with at least {@code minFraction} of the samples
 * @param highQuality the fraction of samples within reach of some center
 */
public record ModeCoverage(int[] counts, int covered, double highQuality) {
    /** The papers' thresholds: a sample within 3 standard deviations of a center; a mode with 2 % of the samples. */
    public static final double DEFAULT_SIGMAS = 3, DEFAULT_MIN_FRACTION = 0.02;

    /**
     * Measures coverage with the papers' thresholds ({@link #DEFAULT_SIGMAS}, {@link #DEFAULT_MIN_FRACTION}).
     *
     * @param samples generated samples [N, D]
     * @param centers the mixture's centers [K, D], e.g. {@link dev.myelin.data.synthetic.SyntheticData#ringCenters}
     * @param std the mixture's standard deviation, &gt; 0
     * @return the per-center counts, the covered modes and the high-quality fraction
     * @throws dev.myelin.tensor.ShapeMismatchException if the shapes are not [N, D] and [K, D]
     * @throws IllegalArgumentException if {@code std} is not positive
     */
    public static ModeCoverage of(Tensor samples, Tensor centers, double std) {
        return of(samples, centers, std, DEFAULT_SIGMAS, DEFAULT_MIN_FRACTION);
    }

    /**
     * Measures coverage with given thresholds.
     *
     * @param samples generated samples [N, D]
     * @param centers the mixture's centers [K, D]
     * @param std the mixture's standard deviation, &gt; 0
     * @param sigmas how many standard deviations from its nearest center a sample may lie, &gt; 0
     * @param minFraction the fraction of all samples a mode needs to count as covered, in [0, 1]
     * @return the per-center counts, the covered modes and the high-quality fraction (0 for no samples)
     * @throws dev.myelin.tensor.ShapeMismatchException if the shapes are not [N, D] and [K, D]
     * @throws IllegalArgumentException if a threshold is out of range
     */
    public static ModeCoverage of(Tensor samples, Tensor centers, double std, double sigmas, double minFraction) {
        if (samples.dim() != 2 || centers.dim() != 2 || samples.size(1) != centers.size(1))
            throw new ShapeMismatchException(
                    "ModeCoverage: samples " + Arrays.toString(samples.shape()) + " and centers "
                            + Arrays.toString(centers.shape()) + " must be [N, D] and [K, D] with the same D");
        if (!(std > 0) || !(sigmas > 0) || !(minFraction >= 0 && minFraction <= 1))
            throw new IllegalArgumentException("ModeCoverage: need std > 0, sigmas > 0 and minFraction in [0, 1], got "
                    + std + ", " + sigmas + ", " + minFraction);
        int n = samples.size(0), k = centers.size(0), d = samples.size(1);
        float[] x = samples.toArray(), c = centers.toArray();
        double reach = sigmas * std, reach2 = reach * reach;
        int[] counts = new int[k];
        int good = 0;
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int f = 0; f < d; f++) {
                    double diff = x[i * d + f] - c[j * d + f];
                    s += diff * diff;
                }
                if (s < bestDist) {
                    bestDist = s;
                    best = j;
                }
            }
            if (best >= 0 && bestDist <= reach2) { // NaN samples belong nowhere
                counts[best]++;
                good++;
            }
        }
        int covered = 0;
        for (int count : counts) if (n > 0 && count >= minFraction * n) covered++;
        return new ModeCoverage(counts, covered, n == 0 ? 0 : (double) good / n);
    }
}

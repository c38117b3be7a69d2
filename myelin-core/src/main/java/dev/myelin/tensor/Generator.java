package dev.myelin.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of randomness, like {@code torch.Generator}. Everything random in Myelin
 * (initialization, shuffling, dropout, augmentation) draws from one of these, so one seed fixes a run.
 */
public final class Generator {
    private final SplittableRandom random;
    private double spareGaussian = Double.NaN;

    public Generator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Generator(SplittableRandom random) {
        this.random = random;
    }

    /** An independent generator derived deterministically from this one (e.g. one per worker). */
    public Generator split() {
        return new Generator(random.split());
    }

    /** Uniform in [0, 1). */
    public float nextFloat() {
        return (float) ((random.nextLong() >>> 40) * 0x1.0p-24);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform int in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal (Box-Muller, polar form; the second value is kept for the next call). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u, v, s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        return u * m;
    }

    /** Fisher-Yates permutation of 0..n-1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

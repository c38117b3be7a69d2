package dev.myelin.tensor;

/**
 * A seeded source of randomness, like {@code torch.Generator}. Everything random in Myelin
 * (initialization, shuffling, dropout, augmentation) draws from one of these, so one seed fixes a run.
 *
 * <p>The stream is {@link java.util.SplittableRandom}'s (SplitMix64), written out here so that its state can be
 * read and set ({@link #getState()}, {@link #setState}, as torch's {@code get_state}/{@code set_state}): a training
 * checkpoint saves every generator, and a resumed run draws exactly the numbers an uninterrupted one would.
 */
public final class Generator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private long gamma;
    private double spareGaussian = Double.NaN;

    /**
     * A generator seeded with {@code seed}, as {@code torch.Generator().manual_seed(seed)}: the same seed always gives
     * the same stream (not the numbers PyTorch draws).
     *
     * @param seed any value; every seed is valid
     */
    public Generator(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private Generator(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /**
     * The generator's complete state: the next draws depend on nothing else.
     *
     * @param seed          SplitMix64's counter
     * @param gamma         its increment (odd)
     * @param spareGaussian the second normal of the last polar Box-Muller pair, NaN if none is kept
     */
    public record State(long seed, long gamma, double spareGaussian) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if {@code gamma} is even or {@code spareGaussian} is infinite
         */
        public State {
            if ((gamma & 1) == 0)
                throw new IllegalArgumentException(
                        "Generator.State: gamma must be odd, got " + Long.toHexString(gamma));
            if (Double.isInfinite(spareGaussian))
                throw new IllegalArgumentException("Generator.State: spareGaussian is infinite");
        }

        /**
         * {@return the state as text, "seed:gamma:spare" with each part's bits in hexadecimal, for file metadata; read
         * back with {@link #decode}}
         */
        public String encode() {
            return Long.toHexString(seed) + ":" + Long.toHexString(gamma) + ":"
                    + Long.toHexString(Double.doubleToRawLongBits(spareGaussian));
        }

        /**
         * The state {@link #encode()} wrote.
         *
         * @param text the encoded state
         * @return the state
         * @throws IllegalArgumentException if the text is null or not three hexadecimal numbers separated by colons;
         *     the message quotes it
         */
        public static State decode(String text) {
            String[] parts = text == null ? new String[0] : text.split(":", -1);
            if (parts.length != 3)
                throw new IllegalArgumentException(
                        "generator state '" + text + "' is not seed:gamma:spare in hexadecimal");
            try {
                return new State(
                        Long.parseUnsignedLong(parts[0], 16),
                        Long.parseUnsignedLong(parts[1], 16),
                        Double.longBitsToDouble(Long.parseUnsignedLong(parts[2], 16)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "generator state '" + text + "' is not seed:gamma:spare in hexadecimal");
            }
        }
    }

    /**
     * A copy of the state, as {@code torch.Generator.get_state()}; {@link #setState} with it makes this (or another)
     * generator repeat the draws that follow now.
     *
     * @return the state; later draws do not change it
     */
    public State getState() {
        return new State(seed, gamma, spareGaussian);
    }

    /**
     * Restores a state taken by {@link #getState()}, as {@code torch.Generator.set_state}: the following draws are
     * those that followed when the state was taken.
     *
     * @param state the state to restore
     * @throws IllegalArgumentException if {@code state} is null
     */
    public void setState(State state) {
        if (state == null) throw new IllegalArgumentException("Generator.setState: state is null");
        this.seed = state.seed();
        this.gamma = state.gamma();
        this.spareGaussian = state.spareGaussian();
    }

    /**
     * An independent generator derived deterministically from this one (e.g. one per worker thread), as
     * {@link java.util.SplittableRandom#split()}; this generator advances by two draws.
     *
     * @return a new generator whose stream does not depend on later use of this one
     */
    public Generator split() {
        return new Generator(nextLong(), mixGamma(nextSeed()));
    }

    /** {@return the next draw as a float uniform in [0, 1), with 24 random bits} */
    public float nextFloat() {
        return (float) ((nextLong() >>> 40) * 0x1.0p-24);
    }

    /** {@return the next draw as a double uniform in [0, 1), with 53 random bits} */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * The next draw as an int uniform in [0, bound), without modulo bias.
     *
     * @param bound the exclusive upper bound
     * @return a value in [0, bound)
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) return r & m; // a power of two
        // reject the over-represented candidates (java.util.random's bounded draw)
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1)
            ;
        return r;
    }

    /** {@return the next draw as a long, all 64 bits uniform} */
    public long nextLong() {
        return mix64(nextSeed());
    }

    private int nextInt() {
        return mix32(nextSeed());
    }

    /**
     * The next draw from the standard normal distribution (mean 0, variance 1), by the polar form of Box-Muller: every
     * second call returns the partner value kept from the call before (part of {@link #getState()}).
     *
     * @return a standard normal sample
     */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * m;
        return u * m;
    }

    /**
     * The next {@code n} draws of this stream as a block that can be read in any order, e.g. by several threads:
     * {@code block.doubleAt(i)} is the value the i-th of {@code n} calls of {@link #nextDouble()} would return, and
     * this generator continues after them. (SplitMix64's state moves by a fixed step per draw, so draw i is found
     * without the ones before it.)
     *
     * @param n how many draws the block covers
     * @return the block
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Block nextBlock(long n) {
        if (n < 0) throw new IllegalArgumentException("nextBlock: n must be >= 0, got " + n);
        Block b = new Block(seed, gamma);
        seed += n * gamma;
        return b;
    }

    /**
     * Draws of a {@link Generator} taken out by {@link #nextBlock}, read by index.
     *
     * @param seed SplitMix64's counter before the block's first draw
     * @param gamma its increment per draw (odd)
     */
    public record Block(long seed, long gamma) {
        /**
         * The i-th draw of the block as {@link Generator#nextDouble()} would have returned it: uniform in [0, 1).
         *
         * @param i the draw's number, from 0
         * @return the draw
         */
        public double doubleAt(long i) {
            return (mix64(seed + (i + 1) * gamma) >>> 11) * 0x1.0p-53;
        }
    }

    /**
     * A random permutation of 0..n-1 (Fisher-Yates), as {@code torch.randperm(n)}.
     *
     * @param n the number of elements
     * @return a new array holding each of 0..n-1 once
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public int[] permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }

    /**
     * Shuffles {@code a} in place (Fisher-Yates from the last element, as {@link #permutation}).
     *
     * @param a the array to shuffle
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L; // odd
        int n = Long.bitCount(z ^ (z >>> 1)); // enough bit transitions
        return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}

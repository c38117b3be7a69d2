package dev.myelin.tensor;

import java.util.Arrays;

/**
 * numpy's legacy {@code np.random.RandomState}: the MT19937 Mersenne Twister seeded as numpy seeds it, and the draws
 * scikit-learn's splitters make from it ({@code permutation}, {@code shuffle}, {@code choice(replace=False)}), so a
 * seeded split gives scikit-learn's exact row indices. Myelin's own randomness (initialization, dropout, data
 * loading) uses {@link Generator}; this class serves only the scikit-learn-facing utilities.
 */
public final class NumpyRandomState {
    private static final int N = 624, M = 397;
    private static final int MATRIX_A = 0x9908b0df, UPPER = 0x80000000, LOWER = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;

    /**
     * Seeds as {@code np.random.RandomState(seed)} with an integer seed ({@code init_genrand}).
     *
     * @param seed the seed, in [0, 2^32 - 1] as numpy requires
     * @throws IllegalArgumentException if the seed is outside that range
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL)
            throw new IllegalArgumentException(
                    "NumpyRandomState: seed must be between 0 and 2^32 - 1 (as numpy's RandomState), got " + seed);
        initGenrand((int) seed);
    }

    /**
     * Seeds as {@code np.random.RandomState(key)} with a 1-d array of integers ({@code init_by_array}).
     *
     * @param key the seed words, each in [0, 2^32 - 1]; at least one
     * @throws IllegalArgumentException if the key is empty or a word is outside that range
     */
    public NumpyRandomState(long[] key) {
        if (key == null || key.length == 0)
            throw new IllegalArgumentException("NumpyRandomState: the seed array must be non-empty");
        for (long k : key)
            if (k < 0 || k > 0xffffffffL)
                throw new IllegalArgumentException(
                        "NumpyRandomState: seed words must be between 0 and 2^32 - 1, got " + Arrays.toString(key));
        initGenrand(19650218);
        int i = 1, j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + (int) key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER; // non-zero initial state, as the reference code
    }

    private void initGenrand(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        pos = N;
    }

    /**
     * The next raw 32-bit output of MT19937 ({@code random_raw} of numpy's bit generator).
     *
     * @return the output as an unsigned value in [0, 2^32 - 1]
     */
    public long nextUint32() {
        if (pos >= N) regenerate();
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void regenerate() {
        int k = 0;
        for (; k < N - M; k++) {
            int y = (mt[k] & UPPER) | (mt[k + 1] & LOWER);
            mt[k] = mt[k + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (mt[k] & UPPER) | (mt[k + 1] & LOWER);
            mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        int y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        pos = 0;
    }

    /**
     * A uniform integer in [0, max] by numpy's {@code random_interval}: the raw output masked to the smallest
     * all-ones bit mask covering max, redrawn while above max. Legacy {@code shuffle} draws its swaps this way.
     *
     * @param max the largest value, at least 0 and below 2^32
     * @return the draw
     */
    public long interval(long max) {
        if (max < 0 || max > 0xffffffffL)
            throw new IllegalArgumentException("NumpyRandomState.interval: max must be in [0, 2^32 - 1], got " + max);
        if (max == 0) return 0;
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        while ((value = nextUint32() & mask) > max)
            ;
        return value;
    }

    /**
     * Shuffles in place as legacy {@code RandomState.shuffle} does a 1-d array: Fisher-Yates from the last element,
     * element i swapped with {@link #interval interval(i)}.
     *
     * @param a the array to shuffle
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * {@code RandomState.permutation(n)}: 0..n-1 shuffled by {@link #shuffle}. A permutation of an array's values is
     * those values in this order, as numpy's shuffle moves values independently of what they are.
     *
     * @param n the number of elements, at least 0
     * @return the permutation
     */
    public int[] permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("NumpyRandomState.permutation: n must be >= 0, got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }

    /**
     * {@code RandomState.choice(pool, size, replace=False)} without probabilities: the first {@code size} elements of
     * {@code permutation(pool.length)}, as numpy's legacy implementation takes them.
     *
     * @param pool the values to choose from
     * @param size how many to choose, in [0, pool.length]
     * @return the chosen values, in draw order
     */
    public int[] choiceWithoutReplacement(int[] pool, int size) {
        if (size < 0 || size > pool.length)
            throw new IllegalArgumentException("NumpyRandomState.choice: cannot take " + size
                    + " samples without replacement from a population of " + pool.length);
        int[] perm = permutation(pool.length), out = new int[size];
        for (int k = 0; k < size; k++) out[k] = pool[perm[k]];
        return out;
    }
}

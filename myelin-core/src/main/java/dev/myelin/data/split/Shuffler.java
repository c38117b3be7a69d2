package dev.myelin.data.split;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.NumpyRandomState;

/**
 * Where a splitter's random permutations come from: a caller's {@link Generator} (Myelin's own randomness), or, when
 * the caller gives a seed, numpy's legacy RandomState seeded with it, so the indices are scikit-learn's.
 */
@FunctionalInterface
interface Shuffler {
    /** A random permutation of 0..n-1. */
    int[] permutation(int n);

    static Shuffler of(Generator gen, String op) {
        if (gen == null) throw new IllegalArgumentException(op + ": the generator must not be null");
        return gen::permutation;
    }

    /** numpy's {@code RandomState(seed)}, as scikit-learn's {@code check_random_state(seed)} makes it. */
    static Shuffler numpy(long seed, String op) {
        if (seed < 0 || seed > 0xffffffffL)
            throw new IllegalArgumentException(op + ": seed must be between 0 and 2^32 - 1 (scikit-learn's"
                    + " random_state, numpy's RandomState), got " + seed);
        return new NumpyRandomState(seed)::permutation;
    }
}

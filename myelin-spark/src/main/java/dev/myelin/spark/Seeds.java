package dev.myelin.spark;

import dev.myelin.tensor.Generator;

/** Generators for (seed, epoch, partition, ...) coordinates, so a task's randomness depends on where it is, not when it runs. */
final class Seeds {
    private Seeds() {}

    static Generator generator(long seed, long... coordinates) {
        long h = seed;
        for (long c : coordinates) h = mix(h ^ mix(c + 0x9E3779B97F4A7C15L));
        return new Generator(h);
    }

    private static long mix(long z) { // SplitMix64's finalizer
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

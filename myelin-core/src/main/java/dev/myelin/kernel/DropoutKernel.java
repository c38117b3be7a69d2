package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dropout's mask and output in one pass: element i is kept (scaled by {@code keep}) when draw i of a SplitMix64
 * stream, as a double in [0, 1), is at least p, else zeroed. Draw i is {@code mix64(seed + (i + 1)·gamma)} (the
 * stream {@code Generator.nextBlock} hands out), so the mask is the same for any split of the elements over threads,
 * and equal to calling {@code nextDouble()} once per element. The mixing runs on {@link LongVector} lanes: the
 * 64-bit multiplies are most of dropout's time.
 */
public final class DropoutKernel {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final long M1 = 0xbf58476d1ce4e5b9L, M2 = 0x94d049bb133111ebL;

    private DropoutKernel() {}

    /**
     * For i in [from, to): {@code mask[i] = u_i >= p ? keep : 0}, {@code y[i] = x[i]·mask[i]}, with u_i the i-th draw
     * of the stream ({@code seed}, {@code gamma}).
     */
    public static void apply(
            long seed, long gamma, double p, float keep, float[] x, float[] mask, float[] y, int from, int to) {
        // u = (z >>> 11)·2⁻⁵³ >= p exactly when z >>> 11 >= ⌈p·2⁵³⌉ (both sides exact in a double)
        long threshold = (long) Math.ceil(p * 0x1.0p53);
        int lanes = L.length(), floats = F.length(), i = from;
        if (to - from >= floats && floats % lanes == 0) {
            LongVector z = LongVector.broadcast(L, seed + (from + 1L) * gamma)
                    .add(LongVector.zero(L).addIndex(1).mul(gamma));
            LongVector step = LongVector.broadcast(L, gamma * lanes);
            FloatVector kept = FloatVector.broadcast(F, keep), zero = FloatVector.zero(F);
            for (; i + floats <= to; i += floats) {
                // the keep bits of as many long lanes as a float vector holds, then the mask and output as vectors
                long bits = 0;
                for (int part = 0; part < floats; part += lanes, z = z.add(step)) {
                    bits |= keptBits(z, threshold) << part;
                }
                FloatVector m = zero.blend(kept, VectorMask.fromLong(F, bits));
                m.intoArray(mask, i);
                FloatVector.fromArray(F, x, i).mul(m).intoArray(y, i);
            }
        }
        for (; i < to; i++) {
            float m = (mix64(seed + (i + 1L) * gamma) >>> 11) >= threshold ? keep : 0;
            mask[i] = m;
            y[i] = x[i] * m;
        }
    }

    /** Bit j set when draw j of the lanes of {@code z} (before mixing), as a double in [0, 1), is at least p. */
    private static long keptBits(LongVector z, long threshold) {
        LongVector v = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30))
                .mul(M1);
        v = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.LSHR, 27))
                .mul(M2);
        v = v.lanewise(VectorOperators.XOR, v.lanewise(VectorOperators.LSHR, 31))
                .lanewise(VectorOperators.LSHR, 11);
        return v.compare(VectorOperators.GE, threshold).toLong();
    }

    /** SplitMix64's output function (as Generator's). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * M1;
        z = (z ^ (z >>> 27)) * M2;
        return z ^ (z >>> 31);
    }
}

package dev.myelin.nn.rnn;

import dev.myelin.tensor.Tensor;

/**
 * The valid lengths of a padded batch of sequences (PyTorch's {@code pack_padded_sequence} lengths, in any
 * order): checked against the batch and the padded length, and turned into per-step masks.
 */
final class Lengths {
    private final int[] lengths;

    private Lengths(int[] lengths) {
        this.lengths = lengths;
    }

    /** Checks lengths for a batch of {@code batch} sequences padded to {@code steps}; null means all full. */
    static Lengths of(String layer, int[] lengths, int batch, int steps) {
        if (lengths == null) return null;
        if (lengths.length != batch)
            throw new IllegalArgumentException(
                    layer + ": got " + lengths.length + " lengths for a batch of " + batch + " sequences");
        boolean full = true;
        for (int b = 0; b < batch; b++) {
            int n = lengths[b];
            if (n <= 0)
                throw new IllegalArgumentException(
                        layer + ": lengths[" + b + "] = " + n + "; every sequence needs at least one step");
            if (n > steps)
                throw new IllegalArgumentException(
                        layer + ": lengths[" + b + "] = " + n + " is larger than the padded length " + steps);
            full &= n == steps;
        }
        return full ? null : new Lengths(lengths.clone());
    }

    /** Whole-number lengths given as a float tensor of shape [B] (the generic {@code call} path). */
    static int[] fromTensor(String layer, Tensor lengths) {
        if (lengths == null) return null;
        if (lengths.dim() != 1)
            throw new IllegalArgumentException(layer + ": lengths must be 1-D [batch], got " + lengths.dim() + "-D");
        float[] v = lengths.values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > 1 << 24)
                throw new IllegalArgumentException(layer + ": lengths[" + i + "] = " + v[i] + " is not a whole number");
            out[i] = (int) v[i];
        }
        return out;
    }

    /** The lengths (not a copy: do not modify). */
    int[] values() {
        return lengths;
    }

    /** [B, 1]: 1 where step t is within the sequence, else 0. */
    Tensor mask(int t) {
        float[] m = new float[lengths.length];
        for (int b = 0; b < m.length; b++) m[b] = t < lengths[b] ? 1f : 0f;
        return new Tensor(m, m.length, 1);
    }
}

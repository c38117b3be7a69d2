package dev.myelin.nn.graph;

import dev.myelin.nn.Init;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * PyTorch Geometric's {@code inits.glorot}: U(−a, a) with a = √(6 / (size(−2) + size(−1))). For a [out, in] weight it
 * is Xavier's uniform; for GAT's [1, heads, out] attention vectors it uses the last two sizes, unlike
 * {@code nn.init.xavier_uniform_}'s fans, so it gets its own name.
 */
final class Glorot {
    private Glorot() {}

    static Tensor init(Tensor t, Generator gen) {
        int[] s = t.shape();
        double a = Math.sqrt(6.0 / (s[s.length - 2] + s[s.length - 1]));
        return Init.uniform(t, -a, a, gen);
    }
}

package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;

/** The local backward step of one op: given the gradient of its output, add gradients into its inputs. */
@FunctionalInterface
public interface Backward {
    void apply(Tensor gradOutput);
}

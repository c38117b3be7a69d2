package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;

/** The local backward step of one op: given the gradient of its output, add gradients into its inputs. */
@FunctionalInterface
public interface Backward {
    /**
     * Adds this op's contribution to each input's gradient.
     *
     * @param gradOutput the gradient of the loss with respect to the op's output, shaped like the output
     */
    void apply(Tensor gradOutput);
}

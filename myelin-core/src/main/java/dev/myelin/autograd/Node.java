package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;

/** One entry of the tape: the op that produced a tensor, its inputs and its local backward step. */
public record Node(String op, Backward backward, Tensor[] inputs) {
}

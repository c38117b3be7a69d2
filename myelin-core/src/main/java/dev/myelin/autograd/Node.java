package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;

/**
 * One entry of the tape: the op that produced a tensor, its inputs, its local backward step, and the
 * tensors that step reads (saved), with the storage version each had when it was saved.
 *
 * @param op the op's name, shown as the tensor's grad_fn (e.g. {@code "MulBackward"})
 * @param backward the op's local backward step
 * @param inputs the op's inputs (null where an input is absent)
 * @param saved the tensors the backward step reads
 * @param savedVersions each saved tensor's version when it was saved, checked before the step runs
 */
public record Node(String op, Backward backward, Tensor[] inputs, Tensor[] saved, int[] savedVersions) {

    /** Fails, as PyTorch does, if a saved tensor was modified in place after it was saved. */
    void checkSaved() {
        for (int i = 0; i < saved.length; i++) {
            Tensor t = saved[i];
            if (t != null && t.version() != savedVersions[i])
                throw new IllegalStateException(
                        "one of the variables needed for gradient computation has been modified by an inplace operation: "
                                + "the tensor of shape " + java.util.Arrays.toString(t.shape()) + " saved by " + op
                                + " is at version " + t.version()
                                + "; expected version " + savedVersions[i]
                                + " instead (was it updated by an optimizer step or an in-place op "
                                + "after the forward pass that saved it?)");
        }
    }
}

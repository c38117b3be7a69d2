package dev.myelin.loss;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Negative log-likelihood of the target class, −w[yₙ]·input[n, yₙ], for inputs that are already
 * log-probabilities (after a LogSoftmax), as {@code nn.NLLLoss}. Input [N, C] (or [C] for one sample),
 * target [N] class indices (an {@link IndexTensor}, or whole numbers stored as floats); or input [N, C, d1, ..., dk] with target [N, d1, ..., dk]
 * (a loss per token or pixel; NONE returns that shape). The mean is weighted: Σ ℓₙ / Σ w[yₙ]; targets
 * equal to {@code ignoreIndex} (default −100) contribute nothing, and if all are ignored the mean is NaN
 * (0/0, as PyTorch) with a zero gradient.
 */
public class NLLLoss extends Loss {
    private final Tensor weight;
    private final int ignoreIndex;

    public NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
    }

    public NLLLoss(Reduction reduction) {
        this(null, -100, reduction);
    }

    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /** Class indices as whole numbers stored as floats (below 2^24), converted once; see {@link #forward(Tensor, IndexTensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return forward(input, ClassTargets.fromFloats("NLLLoss", target));
    }

    /** Class-index targets: [N] for input [N, C], 0-d for [C], [N, d1, ..., dk] for [N, C, d1, ..., dk]. */
    public Tensor forward(Tensor input, IndexTensor target) {
        boolean unbatched = input.dim() == 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        IndexTensor t = unbatched ? target.reshape(1) : target;
        if (x.dim() < 2)
            throw new ShapeMismatchException(
                    "NLLLoss: input must be [N, C], [C] or [N, C, d1, ..., dk], got " + Shapes.str(input.shape()));
        Tensor rows = ClassTargets.classesLast(x);
        IndexTensor checked = ClassTargets.checkedTarget("NLLLoss", x, t);
        Tensor out = new ClassTargets("NLLLoss", checked, rows.size(1), weight, ignoreIndex).nll(rows, reduction);
        if (reduction != Reduction.NONE) return out;
        return unbatched ? out.reshape() : out.reshape(ClassTargets.sampleShape(x));
    }
}

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

    /**
     * An NLL loss with all options, as {@code nn.NLLLoss(weight, ignore_index=ignoreIndex, reduction=...)}.
     *
     * @param weight per-class weights [C], or null for 1 each
     * @param ignoreIndex a target value that contributes nothing (PyTorch's default is -100)
     * @param reduction how to combine the per-sample losses (MEAN is weighted: Σ ℓₙ / Σ w[yₙ])
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
        super(reduction);
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
    }

    /**
     * An NLL loss without class weights, ignoring targets of -100.
     *
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public NLLLoss(Reduction reduction) {
        this(null, -100, reduction);
    }

    /** An NLL loss with PyTorch's defaults: no class weights, ignore index -100, reduction MEAN. */
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /**
     * As {@link #forward(Tensor, IndexTensor)}, with class indices given as whole numbers stored as floats (below
     * 2^24), converted once.
     *
     * @param input log-probabilities [N, C], [C] or [N, C, d1, ..., dk]
     * @param target class indices as whole-number floats: [N], 0-d or [N, d1, ..., dk]
     * @return the loss: 0-d for MEAN and SUM, the target's shape for NONE
     * @throws IllegalArgumentException if a target is not a whole number, is 2^24 or more, or is not a class index (nor
     *     the ignore index)
     * @throws ShapeMismatchException if the shapes do not fit, or the weight is not [C]
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return forward(input, ClassTargets.fromFloats("NLLLoss", target));
    }

    /**
     * The negative log-likelihood of each sample's target class, with class-index targets: [N] for input [N, C], 0-d
     * for [C], [N, d1, ..., dk] for [N, C, d1, ..., dk].
     *
     * @param input log-probabilities (the output of a LogSoftmax)
     * @param target class indices in [0, C), or the ignore index
     * @return the loss: 0-d for MEAN and SUM, the target's shape for NONE
     * @throws IllegalArgumentException if a target is not a class index (nor the ignore index)
     * @throws ShapeMismatchException if the input is 0-d, the target's shape does not fit it, or the weight is not [C]
     */
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

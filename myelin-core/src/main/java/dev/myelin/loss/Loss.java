package dev.myelin.loss;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * A loss function {@code forward(input, target) → Tensor}, built from differentiable tensor ops so that
 * {@code loss.backward()} reaches the model. With reduction NONE the result has the per-element (or
 * per-sample) shape; with MEAN or SUM it is a scalar.
 */
public abstract class Loss {
    protected final Reduction reduction;

    protected Loss(Reduction reduction) {
        if (reduction == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": reduction is null");
        if (reduction == Reduction.BATCHMEAN && !(this instanceof KLDivLoss))
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": reduction batchmean is only defined for KLDivLoss; use mean, sum or none");
        this.reduction = reduction;
    }

    public abstract Tensor forward(Tensor input, Tensor target);

    public Reduction reduction() {
        return reduction;
    }

    /** Applies the reduction to per-element losses. */
    protected Tensor reduce(Tensor perElement) {
        return switch (reduction) {
            case NONE -> perElement;
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case BATCHMEAN -> perElement.sum().div(perElement.dim() == 0 ? 1 : perElement.size(0));
        };
    }

    /**
     * Input and target must have the same shape. (PyTorch broadcasts with only a warning; a [N] target
     * against an [N, 1] output silently computes an N×N loss, so Myelin refuses.)
     */
    protected void requireSameShape(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape()))
            throw new ShapeMismatchException(getClass().getSimpleName() + ": input shape " + Shapes.str(input.shape())
                    + " and target shape " + Shapes.str(target.shape())
                    + " differ; reshape the target (e.g. target.reshape(-1, 1)) to match the model output");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(reduction=" + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}

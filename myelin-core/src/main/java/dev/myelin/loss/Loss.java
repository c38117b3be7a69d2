package dev.myelin.loss;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * A loss function {@code forward(input, target) → Tensor}, as PyTorch's {@code nn.*Loss} modules, built from
 * differentiable tensor ops so that {@code loss.backward()} reaches the model. With reduction NONE the result has the
 * per-element (or per-sample) shape; with MEAN or SUM it is a 0-d scalar. Unlike PyTorch, the elementwise losses (MSE,
 * L1, BCE, ...) never broadcast the target against the input: different shapes are a {@link ShapeMismatchException}
 * naming both.
 * <pre>{@code
 * Loss lossFn = new CrossEntropyLoss();
 * Tensor loss = lossFn.forward(model.forward(x), y); // logits [N, C], class indices [N]
 * loss.backward();
 * }</pre>
 */
public abstract class Loss {
    /** How the per-element losses are combined; see {@link #reduce}. */
    protected final Reduction reduction;

    /**
     * Creates a loss with the given reduction.
     *
     * @param reduction how to combine the per-element losses
     * @throws IllegalArgumentException if {@code reduction} is null, or is BATCHMEAN for a loss other than
     *     {@link KLDivLoss}
     */
    protected Loss(Reduction reduction) {
        if (reduction == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": reduction is null");
        if (reduction == Reduction.BATCHMEAN && !(this instanceof KLDivLoss))
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": reduction batchmean is only defined for KLDivLoss; use mean, sum or none");
        this.reduction = reduction;
    }

    /**
     * Computes the loss of {@code input} (the model's output) against {@code target}, as PyTorch's
     * {@code loss_fn(input, target)}; the result is recorded, so {@code backward()} on it fills the model's gradients.
     *
     * @param input the model's output
     * @param target the expected values, of the shape the loss requires (for most, the input's shape)
     * @return the loss: a 0-d tensor for MEAN and SUM, per element (or per sample) for NONE
     * @throws ShapeMismatchException if the shapes do not fit the loss
     */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** {@return how this loss combines its per-element values} */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * Applies the reduction to per-element losses: NONE returns them, MEAN averages, SUM adds, BATCHMEAN adds and
     * divides by the size of dim 0.
     *
     * @param perElement the losses before reduction
     * @return the reduced loss
     */
    protected Tensor reduce(Tensor perElement) {
        return switch (reduction) {
            case NONE -> perElement;
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case BATCHMEAN -> perElement.sum().div(perElement.dim() == 0 ? 1 : perElement.size(0));
        };
    }

    /**
     * Refuses an input and target of different shapes. (PyTorch broadcasts with only a warning; a [N] target against an
     * [N, 1] output silently computes an N×N loss, so Myelin refuses.)
     *
     * @param input the model's output
     * @param target the expected values
     * @throws ShapeMismatchException if the shapes differ; the message names both and suggests a reshape
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

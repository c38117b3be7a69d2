package dev.myelin.loss;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy from raw scores (logits), as {@code nn.CrossEntropyLoss}: log-softmax (computed stably,
 * with its own fused backward) followed by the negative log-likelihood. Input [N, C] (or [C]); the
 * target is either class indices [N] (an {@link IndexTensor}, or whole numbers stored as floats) or class
 * probabilities [N, C].
 * Input [N, C, d1, ..., dk] (per-token or per-pixel scores) takes class indices [N, d1, ..., dk] or
 * probabilities [N, C, d1, ..., dk]; every option below works the same per position, MEAN averages
 * over all positions, and NONE returns [N, d1, ..., dk].
 *
 * <ul>
 *   <li>{@code weight} [C]: per-class weights. With class indices the mean is Σ ℓₙ / Σ w[yₙ] (PyTorch's
 *       weighted mean); with probabilities it is Σ ℓₙ / N.</li>
 *   <li>{@code labelSmoothing} ε: the target becomes (1 − ε)·target + ε/C; for class indices this is
 *       (1 − ε)·nll + ε/C·Σ_c −w_c·logp_c, normalized like the nll term.</li>
 *   <li>{@code ignoreIndex} (default −100): class-index targets with this value contribute nothing. If
 *       all do, MEAN is NaN (0/0, as PyTorch) with a zero gradient.</li>
 * </ul>
 */
public class CrossEntropyLoss extends Loss {
    private final Tensor weight;
    private final int ignoreIndex;
    private final double labelSmoothing;

    /**
     * A cross-entropy loss with all options, as
     * {@code nn.CrossEntropyLoss(weight, ignore_index=ignoreIndex, reduction=..., label_smoothing=labelSmoothing)}.
     *
     * @param weight per-class weights [C], or null for 1 each
     * @param ignoreIndex a class-index target value that contributes nothing (PyTorch's default is -100)
     * @param reduction how to combine the per-sample losses
     * @param labelSmoothing ε in [0, 1]: the share of each target spread evenly over all classes (0 for none)
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside [0, 1], or {@code reduction} is null or
     *     BATCHMEAN
     */
    public CrossEntropyLoss(Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
        super(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new IllegalArgumentException(
                    "CrossEntropyLoss: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    /**
     * A cross-entropy loss without class weights or label smoothing, ignoring class-index targets of -100.
     *
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if {@code reduction} is null or BATCHMEAN
     */
    public CrossEntropyLoss(Reduction reduction) {
        this(null, -100, reduction, 0);
    }

    /**
     * A cross-entropy loss with PyTorch's defaults: no class weights, ignore index -100, reduction MEAN, no label
     * smoothing.
     */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /**
     * Class probabilities when the target has the input's shape; otherwise class indices (whole numbers stored as
     * floats, below 2^24), converted once and passed to {@link #forward(Tensor, IndexTensor)}.
     *
     * @param input logits [N, C], [C] or [N, C, d1, ..., dk]
     * @param target class probabilities of the input's shape, or class indices as whole-number floats
     * @return the loss: 0-d for MEAN and SUM, per sample ([N], 0-d or [N, d1, ..., dk]) for NONE
     * @throws IllegalArgumentException if class-index targets are not whole numbers, are 2^24 or more, or are not class
     *     indices (nor the ignore index)
     * @throws ShapeMismatchException if the shapes do not fit, or the weight is not [C]
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape()))
            return forward(input, ClassTargets.fromFloats("CrossEntropyLoss", target));
        boolean unbatched = input.dim() == 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor t = unbatched ? target.reshape(1, -1) : target;
        checkInput(input, x);
        Tensor out = probabilityTargets(ClassTargets.classesLast(x).logSoftmax(1), ClassTargets.classesLast(t));
        if (reduction != Reduction.NONE) return out;
        return unbatched ? out.reshape() : out.reshape(ClassTargets.sampleShape(x));
    }

    /**
     * The cross-entropy of logits against class-index targets: [N] for input [N, C], 0-d for [C], [N, d1, ..., dk] for
     * [N, C, d1, ..., dk].
     * <pre>{@code
     * Tensor logits = model.forward(x);                                  // [N, C]
     * Tensor loss = new CrossEntropyLoss().forward(logits, IndexTensor.of(labels)); // labels: int[N]
     * }</pre>
     *
     * @param input logits (raw scores; the loss applies log-softmax itself)
     * @param target class indices in [0, C), or the ignore index
     * @return the loss: 0-d for MEAN and SUM, the target's shape for NONE
     * @throws IllegalArgumentException if a target is not a class index (nor the ignore index)
     * @throws ShapeMismatchException if the input is 0-d, the target's shape does not fit it, or the weight is not [C]
     */
    public Tensor forward(Tensor input, IndexTensor target) {
        boolean unbatched = input.dim() == 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        IndexTensor t = unbatched ? target.reshape(1) : target;
        checkInput(input, x);
        Tensor out = classTargets(
                ClassTargets.classesLast(x).logSoftmax(1), ClassTargets.checkedTarget("CrossEntropyLoss", x, t));
        if (reduction != Reduction.NONE) return out;
        return unbatched ? out.reshape() : out.reshape(ClassTargets.sampleShape(x));
    }

    private static void checkInput(Tensor input, Tensor x) {
        if (x.dim() < 2)
            throw new ShapeMismatchException(
                    "CrossEntropyLoss: input must be [N, C], [C] or [N, C, d1, ..., dk] logits, got "
                            + Shapes.str(input.shape()));
    }

    private Tensor classTargets(Tensor logp, IndexTensor target) {
        int c = logp.size(1);
        ClassTargets ct = new ClassTargets("CrossEntropyLoss", target, c, weight, ignoreIndex);
        Tensor nll = ct.nll(logp, reduction);
        if (labelSmoothing == 0) return nll;
        Tensor weighted = weight == null ? logp : logp.mul(weight.reshape(1, c));
        Tensor smooth = weighted.sum(1).neg().mul(ct.keepMask()); // −Σ_c w_c·logp[n, c], 0 for ignored samples
        Tensor reduced = switch (reduction) {
            case NONE -> smooth;
            case SUM -> smooth.sum();
            case MEAN -> ct.weightedMean(smooth.sum()); // same normalizer as the nll term
            case BATCHMEAN -> throw new IllegalStateException("unreachable");
        };
        return nll.mul((float) (1 - labelSmoothing)).add(reduced.mul((float) (labelSmoothing / c)));
    }

    private Tensor probabilityTargets(Tensor logp, Tensor target) {
        int n = logp.size(0), c = logp.size(1);
        if (weight != null && (weight.dim() != 1 || weight.size(0) != c))
            throw new ShapeMismatchException(
                    "CrossEntropyLoss: class weight must have shape [" + c + "], got " + Shapes.str(weight.shape()));
        Tensor t = labelSmoothing == 0
                ? target
                : target.mul((float) (1 - labelSmoothing)).add((float) (labelSmoothing / c));
        Tensor terms = logp.mul(t);
        if (weight != null) terms = terms.mul(weight.reshape(1, c));
        Tensor perSample = terms.sum(1).neg();
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            case MEAN -> perSample.sum().div(n);
            case BATCHMEAN -> throw new IllegalStateException("unreachable");
        };
    }
}

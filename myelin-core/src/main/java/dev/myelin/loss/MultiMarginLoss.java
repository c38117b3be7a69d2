package dev.myelin.loss;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Multi-class hinge loss, as {@code nn.MultiMarginLoss}: for scores x [N, C] and class-index targets y [N],
 * ℓₙ = w[yₙ] · Σ_{i≠yₙ} max(0, margin − x[n, yₙ] + x[n, i])ᵖ / C, with p ∈ {1, 2} (defaults p = 1,
 * margin = 1). MEAN is the plain mean over samples.
 */
public class MultiMarginLoss extends Loss {
    private final int p;
    private final float margin;
    private final Tensor weight;

    /**
     * A multi-class hinge loss with all options, as {@code nn.MultiMarginLoss(p, margin, weight, reduction=...)}.
     *
     * @param p the power of each hinge term, 1 or 2
     * @param margin how far the target's score must exceed each other class's score for a zero term
     * @param weight per-class weights [C] applied by target class, or null for 1 each
     * @param reduction how to combine the per-sample losses
     * @throws IllegalArgumentException if {@code p} is not 1 or 2, or {@code reduction} is null or BATCHMEAN
     */
    public MultiMarginLoss(int p, double margin, Tensor weight, Reduction reduction) {
        super(reduction);
        if (p != 1 && p != 2) throw new IllegalArgumentException("MultiMarginLoss: p must be 1 or 2, got " + p);
        this.p = p;
        this.margin = (float) margin;
        this.weight = weight;
    }

    /** A multi-class hinge loss with PyTorch's defaults: p 1, margin 1, no weights, reduction MEAN. */
    public MultiMarginLoss() {
        this(1, 1, null, Reduction.MEAN);
    }

    /**
     * As {@link #forward(Tensor, IndexTensor)}, with class indices given as whole numbers stored as floats (below
     * 2^24), converted once.
     *
     * @param input scores [N, C] or [C]
     * @param target class indices as whole-number floats: [N], or 0-d for input [C]
     * @return the loss: 0-d for MEAN and SUM, [N] (0-d for input [C]) for NONE
     * @throws IllegalArgumentException if a target is not a whole number, is 2^24 or more, or is not a class index
     * @throws ShapeMismatchException if the shapes do not fit, or the weight is not [C]
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return forward(input, ClassTargets.fromFloats("MultiMarginLoss", target));
    }

    /**
     * The multi-class hinge loss with class-index targets [N] for input [N, C] (0-d for [C]).
     *
     * @param input scores (raw outputs)
     * @param target class indices in [0, C)
     * @return the loss: 0-d for MEAN and SUM, [N] (0-d for input [C]) for NONE
     * @throws IllegalArgumentException if a target is not a class index
     * @throws ShapeMismatchException if the input is not [N, C] or [C], the target's shape does not fit it, or the
     *     weight is not [C]
     */
    public Tensor forward(Tensor input, IndexTensor target) {
        boolean unbatched = input.dim() == 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        IndexTensor t = unbatched ? target.reshape(1) : target;
        if (x.dim() != 2)
            throw new ShapeMismatchException(
                    "MultiMarginLoss: input must be [N, C] or [C], got " + Shapes.str(input.shape()));
        int n = x.size(0), c = x.size(1);
        // no ignoreIndex here: an impossible index makes every target a required class
        ClassTargets ct = new ClassTargets(
                "MultiMarginLoss", ClassTargets.checkedTarget("MultiMarginLoss", x, t), c, weight, Integer.MIN_VALUE);
        IndexTensor index = ct.gatherColumn();
        Tensor xy = x.gather(1, index);
        Tensor margins = x.sub(xy).add(margin).relu();
        if (p == 2) margins = margins.square();
        Tensor notTarget = Tensor.oneHot(index.reshape(n), c).rsub(1f);
        Tensor perSample = margins.mul(notTarget).sum(1).div(c);
        if (weight != null) perSample = perSample.mul(new Tensor(ct.sampleWeight.clone(), n));
        Tensor out = reduce(perSample);
        return unbatched && reduction == Reduction.NONE ? out.reshape() : out;
    }
}

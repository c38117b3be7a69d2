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

    public MultiMarginLoss(int p, double margin, Tensor weight, Reduction reduction) {
        super(reduction);
        if (p != 1 && p != 2) throw new IllegalArgumentException("MultiMarginLoss: p must be 1 or 2, got " + p);
        this.p = p;
        this.margin = (float) margin;
        this.weight = weight;
    }

    public MultiMarginLoss() {
        this(1, 1, null, Reduction.MEAN);
    }

    /** Class indices as whole numbers stored as floats (below 2^24), converted once; see {@link #forward(Tensor, IndexTensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return forward(input, ClassTargets.fromFloats("MultiMarginLoss", target));
    }

    /** Class-index targets [N] for input [N, C] (0-d for [C]). */
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

package dev.myelin.nn;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * What {@link BatchNorm1d} and {@code BatchNorm2d} share, as PyTorch's {@code _BatchNorm(num_features, eps=1e-5,
 * momentum=0.1, affine=True, track_running_stats=True)}: statistics per channel (dim 1) over every other dim.
 * Training normalizes with batch statistics (biased variance) and updates {@code running_mean}/{@code running_var}
 * (unbiased variance) with the momentum; a null momentum makes them the cumulative average over the
 * {@code num_batches_tracked} batches seen. Eval uses the running statistics. The state dict matches PyTorch's
 * key for key: {@code weight}/{@code bias} only when affine, the three buffers only when tracking running stats
 * (without them, eval normalizes with batch statistics too). A subclass says which input ranks it takes.
 */
public abstract class BatchNorm extends Module {
    /** The subclass's constructor {@code (numFeatures, eps, momentum, affine, trackRunningStats)}. */
    @FunctionalInterface
    protected interface Constructor<M extends BatchNorm> {
        M build(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats);
    }

    private static final Arg<BatchNorm, Integer> NUM_FEATURES = Arg.positiveInt("numFeatures", BatchNorm::numFeatures);
    private static final Arg<BatchNorm, Double> EPS = Arg.number("eps", 1e-5, BatchNorm::eps);
    /** A number, or "none" for PyTorch's momentum=None (a cumulative moving average). */
    private static final Arg<BatchNorm, Double> MOMENTUM = Arg.of(
            "momentum",
            false,
            0.1,
            (v, f) -> {
                if (v.isTextual() && v.textValue().equals("none")) return null;
                if (!v.isNumber()) throw Arg.invalid(f, "must be a number or \"none\"", v);
                return v.doubleValue();
            },
            BatchNorm::momentum,
            (Double v, String f) -> v == null ? TextNode.valueOf("none") : DoubleNode.valueOf(v));

    private static final Arg<BatchNorm, Boolean> AFFINE = Arg.bool("affine", true, BatchNorm::affine);
    private static final Arg<BatchNorm, Boolean> TRACK =
            Arg.bool("trackRunningStats", true, BatchNorm::trackRunningStats);

    /** The module type of a batch-norm class: the shared arguments and state shapes. */
    protected static <M extends BatchNorm> ModuleType<M> type(Class<M> moduleClass, Constructor<M> constructor) {
        return ModuleType.of(
                moduleClass,
                List.of(NUM_FEATURES, EPS, MOMENTUM, AFFINE, TRACK),
                (a, gen) -> constructor.build(
                        a.get(NUM_FEATURES), a.get(EPS), a.get(MOMENTUM), a.get(AFFINE), a.get(TRACK)),
                a -> {
                    int c = a.get(NUM_FEATURES);
                    StateShapes s = new StateShapes();
                    if (a.get(AFFINE)) s.add("weight", c).add("bias", c);
                    if (a.get(TRACK))
                        s.add("running_mean", c).add("running_var", c).add("num_batches_tracked");
                    return s;
                });
    }

    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine, trackRunningStats;

    /**
     * @param momentum weight of the newest batch in the running statistics, in [0, 1]; null for the cumulative average
     */
    protected BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        String name = getClass().getSimpleName();
        if (numFeatures <= 0)
            throw new IllegalArgumentException(name + ": numFeatures must be positive, got " + numFeatures);
        if (!(eps > 0)) throw new IllegalArgumentException(name + ": eps must be positive, got " + eps);
        if (momentum != null && !(momentum >= 0 && momentum <= 1))
            throw new IllegalArgumentException(
                    name + ": momentum must be in [0, 1] (or null for a cumulative average), got " + momentum);
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        if (affine) {
            registerParameter("weight", new Parameter(Tensor.ones(numFeatures)));
            registerParameter("bias", new Parameter(Tensor.zeros(numFeatures)));
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(numFeatures));
            registerBuffer("running_var", Tensor.ones(numFeatures));
            registerBuffer(
                    "num_batches_tracked", Tensor.zeros()); // a 0-dim counter, as in PyTorch (float here: one dtype)
        }
    }

    public int numFeatures() {
        return numFeatures;
    }

    public double eps() {
        return eps;
    }

    /** The momentum, or null for the cumulative moving average. */
    public Double momentum() {
        return momentum;
    }

    public boolean affine() {
        return affine;
    }

    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    /** Fails with a message naming the layer, the expected shape and the given one, unless the input's rank fits. */
    protected abstract void checkInputDim(Tensor input);

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        if (input.size(1) != numFeatures)
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected " + numFeatures
                    + " channels in dim 1, got input shape " + java.util.Arrays.toString(input.shape()));
        Tensor runningMean = trackRunningStats ? buffer("running_mean") : null,
                runningVar = trackRunningStats ? buffer("running_var") : null;
        double factor = momentum == null ? 0 : momentum;
        if (isTraining() && trackRunningStats) {
            float[] count = buffer("num_batches_tracked").data();
            try (var ignored = NoGrad.enter()) {
                count[0] += 1;
            }
            if (momentum == null) factor = 1.0 / count[0]; // cumulative: the k-th batch gets weight 1/k
        }
        return F.batchNorm(
                input,
                runningMean,
                runningVar,
                affine ? parameter("weight") : null,
                affine ? parameter("bias") : null,
                isTraining() || !trackRunningStats,
                factor,
                eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.pyFloat(eps) + ", momentum="
                + (momentum == null ? "None" : Repr.pyFloat(momentum)) + ", affine=" + Repr.pyBool(affine)
                + ", track_running_stats=" + Repr.pyBool(trackRunningStats);
    }
}

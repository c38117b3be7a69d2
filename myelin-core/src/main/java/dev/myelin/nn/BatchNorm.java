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
    /**
     * The subclass's constructor {@code (numFeatures, eps, momentum, affine, trackRunningStats)}.
     *
     * @param <M> the batch-norm class built
     */
    @FunctionalInterface
    protected interface Constructor<M extends BatchNorm> {
        /**
         * Builds the layer, as its public five-argument constructor does.
         *
         * @param numFeatures the number of channels C
         * @param eps added to the variance for numerical stability
         * @param momentum the running statistics' update factor, or null for the cumulative average
         * @param affine whether the layer has a learnable weight and bias
         * @param trackRunningStats whether the layer keeps running statistics
         * @return the new layer
         */
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

    /**
     * The module type of a batch-norm class: the shared arguments and state shapes.
     *
     * @param <M> the batch-norm class
     * @param moduleClass the batch-norm class; its simple name is the JSON {@code "type"}
     * @param constructor its five-argument constructor
     * @return the module type
     */
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
     * Registers the parameters and buffers PyTorch's {@code _BatchNorm} has: weight initialized to 1 and bias to 0
     * (when affine), {@code running_mean} 0, {@code running_var} 1 and {@code num_batches_tracked} 0 (when tracking).
     *
     * @param numFeatures the number of channels C (dim 1 of the input), positive
     * @param eps added to the variance for numerical stability, positive (PyTorch's default is 1e-5)
     * @param momentum weight of the newest batch in the running statistics, in [0, 1]; null for the cumulative average
     *     (PyTorch's default is 0.1)
     * @param affine whether the layer has a learnable per-channel weight and bias (PyTorch's default is true)
     * @param trackRunningStats whether to keep running statistics for eval (PyTorch's default is true)
     * @throws IllegalArgumentException if numFeatures or eps is not positive or momentum is outside [0, 1]
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

    /** {@return the number of channels C} */
    public int numFeatures() {
        return numFeatures;
    }

    /** {@return the value added to the variance for numerical stability} */
    public double eps() {
        return eps;
    }

    /** {@return the momentum, or null for the cumulative moving average} */
    public Double momentum() {
        return momentum;
    }

    /** {@return whether the layer has a learnable weight and bias} */
    public boolean affine() {
        return affine;
    }

    /** {@return whether the layer keeps running statistics (and uses them in eval mode)} */
    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    /**
     * Fails with a message naming the layer, the expected shape and the given one, unless the input's rank fits.
     *
     * @param input the input given to forward
     * @throws dev.myelin.tensor.ShapeMismatchException if the input's rank is not one the layer takes
     */
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

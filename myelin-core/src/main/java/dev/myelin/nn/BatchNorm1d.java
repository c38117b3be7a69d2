package dev.myelin.nn;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;

import java.util.List;

/**
 * Batch normalization over [N, C] or [N, C, L] inputs, as {@code nn.BatchNorm1d(num_features, eps=1e-5,
 * momentum=0.1, affine=True, track_running_stats=True)}. Training normalizes with batch statistics
 * (biased variance) and updates {@code running_mean}/{@code running_var} (unbiased variance) with the
 * momentum; a null momentum makes them the cumulative average over the {@code num_batches_tracked}
 * batches seen. Eval uses the running statistics. The state dict matches PyTorch's key for key:
 * {@code weight}/{@code bias} only when affine, the three buffers only when tracking running stats
 * (without them, eval normalizes with batch statistics too).
 */
public class BatchNorm1d extends Module {
    private static final Arg<BatchNorm1d, Integer> NUM_FEATURES = Arg.positiveInt("numFeatures", BatchNorm1d::numFeatures);
    private static final Arg<BatchNorm1d, Double> EPS = Arg.number("eps", 1e-5, BatchNorm1d::eps);
    /** A number, or "none" for PyTorch's momentum=None (a cumulative moving average). */
    private static final Arg<BatchNorm1d, Double> MOMENTUM = Arg.of("momentum", false, 0.1, (v, f) -> {
        if (v.isTextual() && v.textValue().equals("none")) return null;
        if (!v.isNumber()) throw Arg.invalid(f, "must be a number or \"none\"", v);
        return v.doubleValue();
    }, BatchNorm1d::momentum, (Double v, String f) -> v == null ? com.fasterxml.jackson.databind.node.TextNode.valueOf("none")
            : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(v));
    private static final Arg<BatchNorm1d, Boolean> AFFINE = Arg.bool("affine", true, BatchNorm1d::affine);
    private static final Arg<BatchNorm1d, Boolean> TRACK = Arg.bool("trackRunningStats", true, BatchNorm1d::trackRunningStats);
    public static final ModuleType<BatchNorm1d> TYPE = ModuleType.of(BatchNorm1d.class, List.of(NUM_FEATURES, EPS, MOMENTUM, AFFINE, TRACK),
            (a, gen) -> new BatchNorm1d(a.get(NUM_FEATURES), a.get(EPS), a.get(MOMENTUM), a.get(AFFINE), a.get(TRACK)), a -> {
                int c = a.get(NUM_FEATURES);
                StateShapes s = new StateShapes();
                if (a.get(AFFINE)) s.add("weight", c).add("bias", c);
                if (a.get(TRACK)) s.add("running_mean", c).add("running_var", c).add("num_batches_tracked");
                return s;
            });

    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine, trackRunningStats;

    /**
     * @param momentum weight of the newest batch in the running statistics, in [0, 1]; null for the cumulative average
     */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) throw new IllegalArgumentException("BatchNorm1d: numFeatures must be positive, got " + numFeatures);
        if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm1d: eps must be positive, got " + eps);
        if (momentum != null && !(momentum >= 0 && momentum <= 1))
            throw new IllegalArgumentException("BatchNorm1d: momentum must be in [0, 1] (or null for a cumulative average), got " + momentum);
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
            registerBuffer("num_batches_tracked", Tensor.zeros()); // a 0-dim counter, as in PyTorch (float here: one dtype)
        }
    }

    public BatchNorm1d(int numFeatures, double eps, double momentum) {
        this(numFeatures, eps, momentum, true, true);
    }

    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1);
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

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() >= 2 && input.size(1) != numFeatures)
            throw new IllegalArgumentException("BatchNorm1d: expected " + numFeatures + " channels in dim 1, got input shape "
                    + java.util.Arrays.toString(input.shape()));
        Tensor runningMean = trackRunningStats ? buffer("running_mean") : null, runningVar = trackRunningStats ? buffer("running_var") : null;
        double factor = momentum == null ? 0 : momentum;
        if (isTraining() && trackRunningStats) {
            float[] count = buffer("num_batches_tracked").data();
            try (var ignored = NoGrad.enter()) {
                count[0] += 1;
            }
            if (momentum == null) factor = 1.0 / count[0]; // cumulative: the k-th batch gets weight 1/k
        }
        return F.batchNorm(input, runningMean, runningVar, affine ? parameter("weight") : null, affine ? parameter("bias") : null,
                isTraining() || !trackRunningStats, factor, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.pyFloat(eps) + ", momentum=" + (momentum == null ? "None" : Repr.pyFloat(momentum))
                + ", affine=" + Repr.pyBool(affine) + ", track_running_stats=" + Repr.pyBool(trackRunningStats);
    }
}

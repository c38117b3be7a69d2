package dev.myelin.nn;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;

import java.util.List;

/**
 * Batch normalization over [N, C] or [N, C, L] inputs, as {@code nn.BatchNorm1d} (affine, tracking
 * running stats). Training normalizes with batch statistics (biased variance) and updates
 * {@code running_mean}/{@code running_var} (unbiased variance) with the given momentum; eval uses the
 * running statistics. Buffers keep PyTorch's names, including {@code num_batches_tracked}.
 */
public class BatchNorm1d extends Module {
    private static final Arg<BatchNorm1d, Integer> NUM_FEATURES = Arg.positiveInt("numFeatures", BatchNorm1d::numFeatures);
    private static final Arg<BatchNorm1d, Double> EPS = Arg.number("eps", 1e-5, BatchNorm1d::eps);
    private static final Arg<BatchNorm1d, Double> MOMENTUM = Arg.number("momentum", 0.1, BatchNorm1d::momentum);
    public static final ModuleType<BatchNorm1d> TYPE = ModuleType.of(BatchNorm1d.class, List.of(NUM_FEATURES, EPS, MOMENTUM),
            (a, gen) -> new BatchNorm1d(a.get(NUM_FEATURES), a.get(EPS), a.get(MOMENTUM)), a -> {
                int c = a.get(NUM_FEATURES);
                return new StateShapes().add("weight", c).add("bias", c).add("running_mean", c).add("running_var", c).add("num_batches_tracked");
            });

    private final int numFeatures;
    private final double eps, momentum;

    public BatchNorm1d(int numFeatures, double eps, double momentum) {
        if (numFeatures <= 0) throw new IllegalArgumentException("BatchNorm1d: numFeatures must be positive, got " + numFeatures);
        if (!(eps > 0)) throw new IllegalArgumentException("BatchNorm1d: eps must be positive, got " + eps);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("BatchNorm1d: momentum must be in [0, 1], got " + momentum);
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        registerParameter("weight", new Parameter(Tensor.ones(numFeatures)));
        registerParameter("bias", new Parameter(Tensor.zeros(numFeatures)));
        registerBuffer("running_mean", Tensor.zeros(numFeatures));
        registerBuffer("running_var", Tensor.ones(numFeatures));
        registerBuffer("num_batches_tracked", Tensor.zeros()); // a 0-dim counter, as in PyTorch (float here: one dtype)
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

    public double momentum() {
        return momentum;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() >= 2 && input.size(1) != numFeatures)
            throw new IllegalArgumentException("BatchNorm1d: expected " + numFeatures + " channels in dim 1, got input shape "
                    + java.util.Arrays.toString(input.shape()));
        if (isTraining()) {
            try (var ignored = NoGrad.enter()) {
                buffer("num_batches_tracked").data()[0] += 1;
            }
        }
        return F.batchNorm(input, buffer("running_mean"), buffer("running_var"), parameter("weight"), parameter("bias"),
                isTraining(), momentum, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + Repr.pyFloat(eps) + ", momentum=" + Repr.pyFloat(momentum) + ", affine=True, track_running_stats=True";
    }
}

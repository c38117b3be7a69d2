package dev.myelin.nn;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;

/**
 * Batch normalization over [N, C] or [N, C, L] inputs, as {@code nn.BatchNorm1d} (affine, tracking
 * running stats). Training normalizes with batch statistics (biased variance) and updates
 * {@code running_mean}/{@code running_var} (unbiased variance) with the given momentum; eval uses the
 * running statistics. Buffers keep PyTorch's names, including {@code num_batches_tracked}.
 */
public class BatchNorm1d extends Module {
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

package dev.myelin.nn;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Batch normalization over [N, C] or [N, C, L] inputs, as {@code nn.BatchNorm1d(num_features, eps=1e-5,
 * momentum=0.1, affine=True, track_running_stats=True)}; the options and state are {@link BatchNorm}'s.
 */
public class BatchNorm1d extends BatchNorm {
    /**
     * The registered module type: {@code {"type":"BatchNorm1d","numFeatures":64}} in architecture JSON
     * (momentum {@code "none"} for the cumulative average).
     */
    public static final ModuleType<BatchNorm1d> TYPE = type(BatchNorm1d.class, BatchNorm1d::new);

    /**
     * A batch norm over C channels with every option of {@code nn.BatchNorm1d}; weight starts at 1, bias at 0.
     *
     * @param numFeatures the number of channels C, positive
     * @param eps added to the variance for numerical stability, positive (PyTorch's default is 1e-5)
     * @param momentum weight of the newest batch in the running statistics, in [0, 1]; null for the cumulative average
     *     (PyTorch's default is 0.1)
     * @param affine whether the layer has a learnable per-channel weight and bias (PyTorch's default is true)
     * @param trackRunningStats whether to keep running statistics for eval (PyTorch's default is true)
     * @throws IllegalArgumentException if numFeatures or eps is not positive or momentum is outside [0, 1]
     */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    /**
     * A batch norm with the given eps and momentum, affine and tracking running statistics.
     *
     * @param numFeatures the number of channels C, positive
     * @param eps added to the variance for numerical stability (PyTorch's default is 1e-5)
     * @param momentum weight of the newest batch in the running statistics, in [0, 1] (PyTorch's default is 0.1)
     * @throws IllegalArgumentException if numFeatures or eps is not positive or momentum is outside [0, 1]
     */
    public BatchNorm1d(int numFeatures, double eps, double momentum) {
        this(numFeatures, eps, momentum, true, true);
    }

    /**
     * A batch norm with PyTorch's defaults, as {@code nn.BatchNorm1d(num_features)}: eps 1e-5, momentum 0.1,
     * affine, tracking running statistics.
     *
     * @param numFeatures the number of channels C, positive
     * @throws IllegalArgumentException if numFeatures is not positive
     */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3)
            throw new ShapeMismatchException(
                    "BatchNorm1d: expected input of shape [N, C] or [N, C, L], got " + Shapes.str(input.shape()));
    }
}

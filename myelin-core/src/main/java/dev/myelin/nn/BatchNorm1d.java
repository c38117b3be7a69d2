package dev.myelin.nn;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Batch normalization over [N, C] or [N, C, L] inputs, as {@code nn.BatchNorm1d(num_features, eps=1e-5,
 * momentum=0.1, affine=True, track_running_stats=True)}; the options and state are {@link BatchNorm}'s.
 */
public class BatchNorm1d extends BatchNorm {
    public static final ModuleType<BatchNorm1d> TYPE = type(BatchNorm1d.class, BatchNorm1d::new);

    /**
     * @param momentum weight of the newest batch in the running statistics, in [0, 1]; null for the cumulative average
     */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    public BatchNorm1d(int numFeatures, double eps, double momentum) {
        this(numFeatures, eps, momentum, true, true);
    }

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

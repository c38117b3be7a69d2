package dev.myelin.nn.conv;

import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.ModuleType;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Batch normalization of images [N, C, H, W], statistics per channel over N, H and W, as
 * {@code nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True)}; the
 * options and state are {@link BatchNorm}'s.
 */
public class BatchNorm2d extends BatchNorm {
    public static final ModuleType<BatchNorm2d> TYPE = type(BatchNorm2d.class, BatchNorm2d::new);

    /**
     * @param momentum weight of the newest batch in the running statistics, in [0, 1]; null for the cumulative average
     */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 4)
            throw new ShapeMismatchException(
                    "BatchNorm2d: expected input of shape [N, C, H, W], got " + Shapes.str(input.shape()));
    }
}

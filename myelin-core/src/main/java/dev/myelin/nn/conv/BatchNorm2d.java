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
    /** The architecture-JSON type: {@code {"type":"BatchNorm2d","numFeatures":32}} (momentum may be "none"). */
    public static final ModuleType<BatchNorm2d> TYPE = type(BatchNorm2d.class, BatchNorm2d::new);

    /**
     * All settings, as PyTorch's constructor.
     *
     * @param numFeatures       C, the input's channels, {@code > 0}
     * @param eps               added to the variance for numerical stability, {@code > 0} (default 1e-5)
     * @param momentum          weight of the newest batch in the running statistics, in [0, 1]; null for the
     *     cumulative average (default 0.1)
     * @param affine            whether to learn a per-channel {@code weight} (γ, ones) and {@code bias} (β, zeros)
     *     (default true)
     * @param trackRunningStats whether to keep {@code running_mean}, {@code running_var} and
     *     {@code num_batches_tracked} for eval mode; without them eval mode uses the batch's statistics (default true)
     * @throws IllegalArgumentException naming the argument, if one is out of range
     */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    /**
     * PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics.
     *
     * @param numFeatures C, the input's channels, {@code > 0}
     * @throws IllegalArgumentException if {@code numFeatures <= 0}
     */
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

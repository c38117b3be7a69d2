package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * A per-sample transformation (e.g. an augmentation), like a torchvision transform but with the randomness
 * passed in: the same input and the same generator state give the same output. Implementations return a new
 * tensor and leave the input unchanged.
 */
@FunctionalInterface
public interface Transform {
    /**
     * Transforms one sample.
     *
     * @param sample the sample's features, e.g. an image [C, H, W]; not modified
     * @param gen the source of this call's randomness
     * @return a new tensor, the transformed sample
     */
    Tensor apply(Tensor sample, Generator gen);

    /**
     * Chains two transforms.
     *
     * @param next the transform applied to this one's output
     * @return a {@link Compose} of this transform followed by {@code next}
     */
    default Transform andThen(Transform next) {
        return Compose.of(this, next);
    }
}

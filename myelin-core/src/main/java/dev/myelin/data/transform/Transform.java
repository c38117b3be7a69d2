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
    Tensor apply(Tensor sample, Generator gen);

    /** This transform followed by {@code next}. */
    default Transform andThen(Transform next) {
        return Compose.of(this, next);
    }
}

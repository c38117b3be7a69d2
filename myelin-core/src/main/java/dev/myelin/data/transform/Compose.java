package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** Applies transforms in order, all drawing from the same generator (like {@code torchvision.transforms.Compose}). */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    /**
     * A pipeline of transforms.
     *
     * @param transforms applied first to last (the list is copied)
     * @throws IllegalArgumentException if a transform is null
     */
    public Compose(List<Transform> transforms) {
        for (Transform t : transforms)
            if (t == null) throw new IllegalArgumentException("Compose: transforms must not contain null");
        this.transforms = List.copyOf(transforms);
    }

    /**
     * Creates a pipeline of transforms.
     *
     * @param transforms applied first to last
     * @return the pipeline
     * @throws NullPointerException if a transform is null
     */
    public static Compose of(Transform... transforms) {
        return new Compose(List.of(transforms));
    }

    /** {@return the transforms in the order they are applied, unmodifiable} */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public Tensor apply(Tensor sample, Generator gen) {
        Tensor x = sample;
        for (Transform t : transforms) x = t.apply(x, gen);
        return x;
    }
}

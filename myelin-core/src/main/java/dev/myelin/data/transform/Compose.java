package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** Applies transforms in order, all drawing from the same generator (like {@code torchvision.transforms.Compose}). */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    public Compose(List<Transform> transforms) {
        for (Transform t : transforms)
            if (t == null) throw new IllegalArgumentException("Compose: transforms must not contain null");
        this.transforms = List.copyOf(transforms);
    }

    public static Compose of(Transform... transforms) {
        return new Compose(List.of(transforms));
    }

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

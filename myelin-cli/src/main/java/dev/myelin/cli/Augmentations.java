package dev.myelin.cli;

import dev.myelin.data.transform.Compose;
import dev.myelin.data.transform.GaussianNoise;
import dev.myelin.data.transform.RandomCrop;
import dev.myelin.data.transform.RandomRotation;
import dev.myelin.data.transform.Transform;

/** The {@code --augment} recipe for flattened grayscale images: shift by up to 2 px, rotate up to 10°, slight noise. */
final class Augmentations {
    private Augmentations() {}

    static Transform forImages(int[] hw) {
        Transform recipe = Compose.of(new RandomCrop(2), new RandomRotation(10), new GaussianNoise(0.02));
        // samples arrive flattened (784 values); the image transforms work on [H, W]
        return (sample, gen) -> recipe.apply(sample.reshape(hw[0], hw[1]), gen).reshape(sample.shape());
    }
}

package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/** Mirrors the image left-right with probability p (like {@code torchvision.transforms.RandomHorizontalFlip}). */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1))
            throw new IllegalArgumentException("RandomHorizontalFlip: p must be in [0, 1], got " + p);
        this.p = p;
    }

    public RandomHorizontalFlip() {
        this(0.5);
    }

    @Override
    public Tensor apply(Tensor image, Generator gen) {
        if (image.dim() == 4) return ImageShape.eachImage(image, im -> apply(im, gen));
        ImageShape s = ImageShape.of(image, "RandomHorizontalFlip");
        if (!(gen.nextDouble() < p)) return image.copy();
        return flip(image, s);
    }

    /** The image mirrored left-right. */
    public static Tensor flip(Tensor image) {
        return flip(image, ImageShape.of(image, "flip"));
    }

    private static Tensor flip(Tensor image, ImageShape s) {
        float[] in = image.data(), out = new float[in.length];
        int w = s.width();
        for (int row = 0; row < s.channels() * s.height(); row++)
            for (int x = 0; x < w; x++) out[row * w + x] = in[row * w + (w - 1 - x)];
        return new Tensor(out, image.shape());
    }
}

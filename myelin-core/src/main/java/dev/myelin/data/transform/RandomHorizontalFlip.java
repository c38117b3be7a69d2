package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/** Mirrors the image left-right with probability p (like {@code torchvision.transforms.RandomHorizontalFlip}). */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    /**
     * A flip with probability p.
     *
     * @param p the probability of mirroring each image, in [0, 1]
     * @throws IllegalArgumentException if {@code p} is outside [0, 1]
     */
    public RandomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1))
            throw new IllegalArgumentException("RandomHorizontalFlip: p must be in [0, 1], got " + p);
        this.p = p;
    }

    /** A flip with probability 0.5, torchvision's default. */
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

    /**
     * Mirrors an image left-right.
     *
     * @param image an image [C, H, W] or [H, W] (a view too)
     * @return a new image of the same shape
     * @throws IllegalArgumentException if the image is not 2-D or 3-D
     */
    public static Tensor flip(Tensor image) {
        return flip(image, ImageShape.of(image, "flip"));
    }

    private static Tensor flip(Tensor image, ImageShape s) {
        float[] in = image.values(), out = new float[in.length];
        int w = s.width();
        for (int row = 0; row < s.channels() * s.height(); row++)
            for (int x = 0; x < w; x++) out[row * w + x] = in[row * w + (w - 1 - x)];
        return new Tensor(out, image.shape());
    }
}

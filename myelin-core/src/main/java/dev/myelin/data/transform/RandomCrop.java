package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Pads the image with {@code fill} by {@code padding} pixels on every side and crops a random window of the
 * original size, i.e. shifts the image by up to {@code padding} pixels in each direction (torchvision's
 * {@code RandomCrop(size, padding)} with size = the input size).
 */
public final class RandomCrop implements Transform {
    private final int padding;
    private final float fill;

    /**
     * A random shift of up to {@code padding} pixels, as torchvision's {@code RandomCrop(size, padding, fill=fill)}.
     *
     * @param padding the largest shift in each direction, &gt;= 0
     * @param fill the value of pixels shifted in from outside
     * @throws IllegalArgumentException if {@code padding} is negative
     */
    public RandomCrop(int padding, float fill) {
        if (padding < 0) throw new IllegalArgumentException("RandomCrop: padding must be >= 0, got " + padding);
        this.padding = padding;
        this.fill = fill;
    }

    /**
     * A random shift of up to {@code padding} pixels, filling with 0.
     *
     * @param padding the largest shift in each direction, &gt;= 0
     * @throws IllegalArgumentException if {@code padding} is negative
     */
    public RandomCrop(int padding) {
        this(padding, 0f);
    }

    @Override
    public Tensor apply(Tensor image, Generator gen) {
        if (image.dim() == 4) return ImageShape.eachImage(image, im -> apply(im, gen));
        ImageShape s = ImageShape.of(image, "RandomCrop");
        // Window origin in the padded image is in [0, 2*padding]; as a shift of the content that is [-padding,
        // padding].
        int top = gen.nextInt(2 * padding + 1), left = gen.nextInt(2 * padding + 1);
        return shift(image, padding - top, padding - left, fill);
    }

    /**
     * Shifts an image by whole pixels.
     *
     * @param image an image [C, H, W] or [H, W] (a view too)
     * @param dy the pixels to move down (negative: up)
     * @param dx the pixels to move right (negative: left)
     * @param fill the value of uncovered pixels
     * @return a new image of the same shape
     * @throws IllegalArgumentException if the image is not 2-D or 3-D
     */
    public static Tensor shift(Tensor image, int dy, int dx, float fill) {
        ImageShape s = ImageShape.of(image, "shift");
        int h = s.height(), w = s.width();
        float[] in = image.values(), out = new float[in.length];
        for (int c = 0; c < s.channels(); c++) {
            int base = c * s.plane();
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                for (int x = 0; x < w; x++) {
                    int sx = x - dx;
                    out[base + y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? in[base + sy * w + sx] : fill;
                }
            }
        }
        return new Tensor(out, image.shape());
    }
}

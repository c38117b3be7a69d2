package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Rotates the image about its centre by an angle drawn uniformly from [minDegrees, maxDegrees], with bilinear
 * interpolation; pixels that come from outside the image get {@code fill}. Positive angles turn the content
 * counter-clockwise as displayed (row 0 at the top), like {@code torchvision.transforms.RandomRotation}.
 */
public final class RandomRotation implements Transform {
    private final double minDegrees;
    private final double maxDegrees;
    private final float fill;

    /**
     * A rotation by an angle drawn uniformly from [minDegrees, maxDegrees] (torchvision's
     * {@code RandomRotation((min, max), fill=fill)}).
     *
     * @param minDegrees the smallest angle, in degrees
     * @param maxDegrees the largest angle, in degrees
     * @param fill the value of pixels that come from outside the image
     * @throws IllegalArgumentException unless both are finite and {@code minDegrees <= maxDegrees}
     */
    public RandomRotation(double minDegrees, double maxDegrees, float fill) {
        if (!(minDegrees <= maxDegrees) || !Double.isFinite(minDegrees) || !Double.isFinite(maxDegrees))
            throw new IllegalArgumentException(
                    "RandomRotation: need finite minDegrees <= maxDegrees, got " + minDegrees + ", " + maxDegrees);
        this.minDegrees = minDegrees;
        this.maxDegrees = maxDegrees;
        this.fill = fill;
    }

    /**
     * A rotation by an angle in [-degrees, degrees], fill 0 (torchvision's {@code RandomRotation(degrees)}).
     *
     * @param degrees the largest angle either way (its sign is ignored)
     * @throws IllegalArgumentException if {@code degrees} is not finite
     */
    public RandomRotation(double degrees) {
        this(-Math.abs(degrees), Math.abs(degrees), 0f);
    }

    @Override
    public Tensor apply(Tensor image, Generator gen) {
        if (image.dim() == 4) return ImageShape.eachImage(image, im -> apply(im, gen));
        ImageShape.of(image, "RandomRotation");
        double angle = minDegrees + (maxDegrees - minDegrees) * gen.nextDouble();
        return rotate(image, angle, fill);
    }

    /**
     * Rotates an image counter-clockwise (as displayed) about its centre, with bilinear interpolation.
     *
     * @param image an image [C, H, W] or [H, W] (a view too)
     * @param degrees the angle
     * @param fill the value of pixels that come from outside the image
     * @return a new image of the same shape
     * @throws IllegalArgumentException if the image is not 2-D or 3-D
     */
    public static Tensor rotate(Tensor image, double degrees, float fill) {
        ImageShape s = ImageShape.of(image, "rotate");
        int h = s.height(), w = s.width();
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        double rad = Math.toRadians(degrees), cos = Math.cos(rad), sin = Math.sin(rad);
        float[] in = image.values(), out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Inverse map: which source point lands on (x, y)? With y pointing down, a counter-clockwise
                // turn on screen maps source (u, v) to (cx + cos*u + sin*v, cy - sin*u + cos*v).
                double u = x - cx, v = y - cy;
                double sx = cx + cos * u - sin * v;
                double sy = cy + sin * u + cos * v;
                for (int c = 0; c < s.channels(); c++)
                    out[c * s.plane() + y * w + x] = bilinear(in, c * s.plane(), h, w, sy, sx, fill);
            }
        }
        return new Tensor(out, image.shape());
    }

    private static float bilinear(float[] in, int base, int h, int w, double y, double x, float fill) {
        // Snap values within rounding error of a pixel centre, so exact 90-degree turns copy pixels exactly.
        double ry = Math.rint(y), rx = Math.rint(x);
        if (Math.abs(y - ry) < 1e-9) y = ry;
        if (Math.abs(x - rx) < 1e-9) x = rx;
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        double fy = y - y0, fx = x - x0;
        double v00 = pixel(in, base, h, w, y0, x0, fill), v01 = pixel(in, base, h, w, y0, x0 + 1, fill);
        double v10 = pixel(in, base, h, w, y0 + 1, x0, fill), v11 = pixel(in, base, h, w, y0 + 1, x0 + 1, fill);
        return (float) ((1 - fy) * ((1 - fx) * v00 + fx * v01) + fy * ((1 - fx) * v10 + fx * v11));
    }

    private static float pixel(float[] in, int base, int h, int w, int y, int x, float fill) {
        return y >= 0 && y < h && x >= 0 && x < w ? in[base + y * w + x] : fill;
    }
}

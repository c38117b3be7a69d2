package dev.myelin.data.sequence;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;

/**
 * Images as sequences: each image's rows are its time steps, so a data set of 28x28 images becomes [N, 28, 28]
 * (28 steps of 28 features), the input of a batch-first recurrent layer.
 */
public final class ImageSequences {
    private ImageSequences() {}

    /**
     * The images of {@code images} (features [N, H*W], [N, H, W] or [N, 1, H, W]) as sequences [N, H, W] of
     * {@code height} steps of {@code width} features; targets unchanged.
     *
     * @param images a data set of N images with height * width values each
     * @param height the image height: the number of time steps
     * @param width the image width: the features per step
     * @return the same samples with features reshaped to [N, height, width] and the same targets
     * @throws IllegalArgumentException if {@code height} or {@code width} is not positive
     * @throws dev.myelin.tensor.ShapeMismatchException if an image does not hold height * width values
     */
    public static TensorDataset rows(TensorDataset images, int height, int width) {
        if (height <= 0 || width <= 0)
            throw new IllegalArgumentException(
                    "ImageSequences: height and width must be positive, got " + height + "x" + width);
        int n = images.size();
        int perExample = images.features().numel() / Math.max(n, 1);
        if (perExample != height * width)
            throw new ShapeMismatchException("ImageSequences: images of shape "
                    + Shapes.str(images.features().shape()) + " have " + perExample + " values each, not " + height
                    + "x" + width + " = " + height * width);
        return new TensorDataset(images.features().reshape(n, height, width), images.targets());
    }
}

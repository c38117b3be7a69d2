package dev.myelin.data.transform;

import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Channels, height and width of an image tensor of shape [C, H, W] or [H, W] (one channel). */
record ImageShape(int channels, int height, int width) {
    static ImageShape of(Tensor t, String op) {
        int[] s = t.shape();
        if (s.length == 2) return new ImageShape(1, s[0], s[1]);
        if (s.length == 3) return new ImageShape(s[0], s[1], s[2]);
        throw new IllegalArgumentException(
                op + ": expected an image of shape [C, H, W] or [H, W], or a batch [N, C, H, W], got "
                        + Arrays.toString(s));
    }

    /**
     * A batch [N, C, H, W] transformed image by image, in order, each drawing its own randomness (as N separate
     * calls would); the result has the batch's shape.
     */
    static Tensor eachImage(Tensor batch, UnaryOperator<Tensor> transform) {
        List<Tensor> out = new ArrayList<>(batch.size(0));
        for (int i = 0; i < batch.size(0); i++)
            out.add(transform.apply(batch.select(0, i).contiguous()));
        return Tensor.stack(out, 0);
    }

    int plane() {
        return height * width;
    }
}

package dev.myelin.data.transform;

import dev.myelin.tensor.Tensor;

import java.util.Arrays;

/** Channels, height and width of an image tensor of shape [C, H, W] or [H, W] (one channel). */
record ImageShape(int channels, int height, int width) {
    static ImageShape of(Tensor t, String op) {
        int[] s = t.shape();
        if (s.length == 2) return new ImageShape(1, s[0], s[1]);
        if (s.length == 3) return new ImageShape(s[0], s[1], s[2]);
        throw new IllegalArgumentException(op + ": expected an image of shape [C, H, W] or [H, W], got " + Arrays.toString(s));
    }

    int plane() {
        return height * width;
    }
}

package dev.myelin.data.transform;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/** Adds independent N(0, std²) noise to every element. Works on tensors of any shape. */
public final class GaussianNoise implements Transform {
    private final double std;

    /**
     * Noise of the given size.
     *
     * @param std the noise's standard deviation, finite and &gt;= 0
     * @throws IllegalArgumentException if {@code std} is negative or not finite
     */
    public GaussianNoise(double std) {
        if (!(std >= 0) || !Double.isFinite(std))
            throw new IllegalArgumentException("GaussianNoise: std must be finite and >= 0, got " + std);
        this.std = std;
    }

    @Override
    public Tensor apply(Tensor sample, Generator gen) {
        float[] in = sample.values(), out = new float[in.length];
        for (int i = 0; i < in.length; i++) out[i] = (float) (in[i] + std * gen.nextGaussian());
        return new Tensor(out, sample.shape());
    }
}

package dev.myelin.nn;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * Weight initialization in place, as {@code torch.nn.init}. Every random initializer takes the
 * {@link Generator} that fixes the run. Fans follow PyTorch: for a tensor of shape [out, in, k...],
 * fan_in = in·∏k and fan_out = out·∏k.
 */
public final class Init {
    private Init() {}

    /** Which fan the Kaiming initializers preserve the variance of. */
    public enum Mode {
        /** Preserve the variance of the forward pass: fan = fan_in (PyTorch's default {@code mode='fan_in'}). */
        FAN_IN,
        /** Preserve the variance of the gradients in the backward pass: fan = fan_out. */
        FAN_OUT
    }

    /**
     * The recommended gain for a nonlinearity, as {@code calculate_gain}: 1 for linear/conv/sigmoid/identity,
     * 5/3 for tanh, √2 for relu, √(2/(1+slope²)) for leaky_relu (param = slope, default 0.01), 3/4 for selu.
     *
     * @param nonlinearity PyTorch's name: linear, conv1d..conv3d, conv_transpose1d..3d, sigmoid, identity, tanh,
     *     relu, leaky_relu or selu
     * @param param leaky_relu's negative slope (ignored for the others)
     * @return the gain
     * @throws IllegalArgumentException if the nonlinearity is not one of these
     */
    public static double calculateGain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear",
                    "conv1d",
                    "conv2d",
                    "conv3d",
                    "conv_transpose1d",
                    "conv_transpose2d",
                    "conv_transpose3d",
                    "sigmoid",
                    "identity" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2);
            case "leaky_relu" -> Math.sqrt(2 / (1 + param * param));
            case "selu" -> 0.75;
            default ->
                throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity
                        + "'; use one of linear, sigmoid, tanh, relu, leaky_relu, selu, conv1d..3d");
        };
    }

    /**
     * As {@link #calculateGain(String, double)} with leaky_relu's default slope 0.01.
     *
     * @param nonlinearity PyTorch's name, e.g. {@code "relu"} or {@code "tanh"}
     * @return the gain
     * @throws IllegalArgumentException if the nonlinearity is unsupported
     */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * The fans of a weight tensor, as PyTorch's {@code _calculate_fan_in_and_fan_out}: for shape [out, in, k...],
     * fan_in = in·∏k and fan_out = out·∏k.
     *
     * @param t a weight tensor with at least 2 dims
     * @return {@code [fan_in, fan_out]}
     * @throws IllegalArgumentException if t has fewer than 2 dims
     */
    public static int[] fans(Tensor t) {
        int[] s = t.shape();
        if (s.length < 2)
            throw new IllegalArgumentException(
                    "fan in and fan out cannot be computed for a tensor with fewer than 2 dims, got shape "
                            + Shapes.str(s));
        int receptive = Shapes.prod(s, 2, s.length);
        return new int[] {s[1] * receptive, s[0] * receptive};
    }

    /**
     * Fills t with values from U(low, high), as {@code init.uniform_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param low the lower bound
     * @param high the upper bound, at least low
     * @param gen the generator the values are drawn from
     * @return t
     * @throws IllegalArgumentException if low &gt; high
     */
    public static Tensor uniform(Tensor t, double low, double high, Generator gen) {
        if (!(low <= high))
            throw new IllegalArgumentException("uniform: need low <= high, got low=" + low + " high=" + high);
        return fill(t, () -> low + (high - low) * gen.nextDouble());
    }

    /**
     * Fills t with values from N(mean, std²), as {@code init.normal_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param mean the mean
     * @param std the standard deviation, at least 0
     * @param gen the generator the values are drawn from
     * @return t
     * @throws IllegalArgumentException if std is negative or NaN
     */
    public static Tensor normal(Tensor t, double mean, double std, Generator gen) {
        if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        return fill(t, () -> mean + std * gen.nextGaussian());
    }

    /**
     * Fills t with {@code value}, as {@code init.constant_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param value the value
     * @return t
     */
    public static Tensor constant(Tensor t, double value) {
        return fill(t, () -> value);
    }

    /**
     * Fills t with 0, as {@code init.zeros_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @return t
     */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    /**
     * Fills t with 1, as {@code init.ones_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @return t
     */
    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /**
     * Fills t from U(−a, a) with a = gain·√(6/(fan_in + fan_out)) (Glorot), as {@code init.xavier_uniform_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param gain the scale factor (PyTorch's default is 1; see {@link #calculateGain(String)})
     * @param gen the generator the values are drawn from
     * @return t
     * @throws IllegalArgumentException if t has fewer than 2 dims
     */
    public static Tensor xavierUniform(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(t, -a, a, gen);
    }

    /**
     * Fills t from N(0, std²) with std = gain·√(2/(fan_in + fan_out)) (Glorot), as {@code init.xavier_normal_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param gain the scale factor (PyTorch's default is 1; see {@link #calculateGain(String)})
     * @param gen the generator the values are drawn from
     * @return t
     * @throws IllegalArgumentException if t has fewer than 2 dims
     */
    public static Tensor xavierNormal(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), gen);
    }

    /**
     * Fills t from U(−b, b) with b = gain·√(3/fan), gain = calculateGain(nonlinearity, a) (He), as
     * {@code init.kaiming_uniform_}. Linear and the convolutions use it with a = √5 for their weights.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param a leaky_relu's negative slope (PyTorch's default is 0)
     * @param mode which fan to use (PyTorch's default is {@link Mode#FAN_IN})
     * @param nonlinearity the nonlinearity's name (PyTorch's default is {@code "leaky_relu"})
     * @param gen the generator the values are drawn from
     * @return t
     * @throws IllegalArgumentException if t has fewer than 2 dims or the nonlinearity is unsupported
     */
    public static Tensor kaimingUniform(Tensor t, double a, Mode mode, String nonlinearity, Generator gen) {
        double bound = Math.sqrt(3) * kaimingStd(t, a, mode, nonlinearity);
        return uniform(t, -bound, bound, gen);
    }

    /**
     * Fills t from N(0, std²) with std = gain/√fan, gain = calculateGain(nonlinearity, a) (He), as
     * {@code init.kaiming_normal_}.
     *
     * @param t the tensor to fill in place (a parameter or any tensor; no gradient is recorded)
     * @param a leaky_relu's negative slope (PyTorch's default is 0)
     * @param mode which fan to use (PyTorch's default is {@link Mode#FAN_IN})
     * @param nonlinearity the nonlinearity's name (PyTorch's default is {@code "leaky_relu"})
     * @param gen the generator the values are drawn from
     * @return t
     * @throws IllegalArgumentException if t has fewer than 2 dims or the nonlinearity is unsupported
     */
    public static Tensor kaimingNormal(Tensor t, double a, Mode mode, String nonlinearity, Generator gen) {
        return normal(t, 0, kaimingStd(t, a, mode, nonlinearity), gen);
    }

    private static double kaimingStd(Tensor t, double a, Mode mode, String nonlinearity) {
        int[] f = fans(t);
        int fan = mode == Mode.FAN_IN ? f[0] : f[1];
        if (fan == 0) return 0; // PyTorch warns and leaves a zero-element tensor alone; nothing to scale
        return calculateGain(nonlinearity, a) / Math.sqrt(fan);
    }

    private static Tensor fill(Tensor t, java.util.function.DoubleSupplier values) {
        try (var ignored = NoGrad.enter()) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) values.getAsDouble();
        }
        return t;
    }
}

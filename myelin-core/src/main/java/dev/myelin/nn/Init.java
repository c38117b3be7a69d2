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
        FAN_IN,
        FAN_OUT
    }

    /**
     * The recommended gain for a nonlinearity, as {@code calculate_gain}: 1 for linear/conv/sigmoid/identity,
     * 5/3 for tanh, √2 for relu, √(2/(1+slope²)) for leaky_relu (param = slope, default 0.01), 3/4 for selu.
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

    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /** [fan_in, fan_out] of a weight tensor with at least 2 dims. */
    public static int[] fans(Tensor t) {
        int[] s = t.shape();
        if (s.length < 2)
            throw new IllegalArgumentException(
                    "fan in and fan out cannot be computed for a tensor with fewer than 2 dims, got shape "
                            + Shapes.str(s));
        int receptive = Shapes.prod(s, 2, s.length);
        return new int[] {s[1] * receptive, s[0] * receptive};
    }

    public static Tensor uniform(Tensor t, double low, double high, Generator gen) {
        if (!(low <= high))
            throw new IllegalArgumentException("uniform: need low <= high, got low=" + low + " high=" + high);
        return fill(t, () -> low + (high - low) * gen.nextDouble());
    }

    public static Tensor normal(Tensor t, double mean, double std, Generator gen) {
        if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        return fill(t, () -> mean + std * gen.nextGaussian());
    }

    public static Tensor constant(Tensor t, double value) {
        return fill(t, () -> value);
    }

    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /** U(−a, a) with a = gain·√(6/(fan_in + fan_out)) (Glorot). */
    public static Tensor xavierUniform(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        double a = gain * Math.sqrt(6.0 / (f[0] + f[1]));
        return uniform(t, -a, a, gen);
    }

    /** N(0, std²) with std = gain·√(2/(fan_in + fan_out)). */
    public static Tensor xavierNormal(Tensor t, double gain, Generator gen) {
        int[] f = fans(t);
        return normal(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])), gen);
    }

    /** U(−b, b) with b = gain·√(3/fan), gain = calculateGain(nonlinearity, a) (He). */
    public static Tensor kaimingUniform(Tensor t, double a, Mode mode, String nonlinearity, Generator gen) {
        double bound = Math.sqrt(3) * kaimingStd(t, a, mode, nonlinearity);
        return uniform(t, -bound, bound, gen);
    }

    /** N(0, std²) with std = gain/√fan. */
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

package dev.myelin.nn;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.BatchNormKernel;
import dev.myelin.kernel.BatchNormKernelPlain;
import dev.myelin.kernel.DropoutKernel;
import dev.myelin.kernel.DropoutKernelPlain;
import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.LayerNormKernel;
import dev.myelin.kernel.LayerNormKernelPlain;
import dev.myelin.kernel.Parallel;
import dev.myelin.kernel.Simd;
import dev.myelin.kernel.VectorOps;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * Stateless neural-network functions, like {@code torch.nn.functional}; the modules call these.
 * Fused ops ({@link #linear} and the activations that are not tensor primitives) record their backward
 * right below the forward; so do the normalizations, on their kernels, with their backward as tensor ops under createGraph.
 */
public final class F {
    private F() {}

    // ---------------------------------------------------------------- linear

    /**
     * {@code y = x·Wᵀ + b} for x of shape [..., in], W of shape [out, in], b of shape [out] or null.
     * One GEMM over all leading dims with W read transposed in place (no copy); x is read in place too
     * when its rows are contiguous (a {@code select} or {@code narrow} of a sequence batch).
     * Backward: dx = g·W, dW = gᵀ·x, db = Σ_rows g, on GEMM under NoGrad and as tensor ops when backward runs
     * with grad mode on (differentiable). As {@code F.linear(input, weight, bias)}.
     *
     * <pre>{@code
     * Tensor y = F.linear(x, weight, bias); // x [N, 784], weight [128, 784], bias [128] -> y [N, 128]
     * }</pre>
     *
     * @param x the input, shape [..., in_features]
     * @param weight the weight W, shape [out_features, in_features]
     * @param bias the bias b, shape [out_features], or null for none
     * @return x·Wᵀ + b, shape [..., out_features]
     * @throws ShapeMismatchException if weight is not 2-D, x does not end in in_features, or bias is not [out_features]
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int[] xs = x.shape(), ws = weight.shape();
        if (ws.length != 2)
            throw new ShapeMismatchException(
                    "linear: weight must be 2-D [out_features, in_features], got " + Shapes.str(ws));
        int out = ws[0], in = ws[1];
        if (xs.length == 0 || xs[xs.length - 1] != in)
            throw new ShapeMismatchException("linear: input shape " + Shapes.str(xs) + " does not end in in_features="
                    + in + " (weight shape " + Shapes.str(ws) + ")");
        if (bias != null && !Arrays.equals(bias.shape(), new int[] {out}))
            throw new ShapeMismatchException(
                    "linear: bias shape " + Shapes.str(bias.shape()) + " must be [" + out + "]");
        final int n = Shapes.prod(xs, 0, xs.length - 1);
        int[] ys = xs.clone();
        ys[ys.length - 1] = out;
        Rows rows = Rows.of(x, n, in);
        float[] wd = weight.values(), y = new float[n * out];
        if (bias != null) VectorOps.fillRows(y, n, out, bias.values());
        Gemm.sgemm(false, true, n, out, in, rows.data, rows.offset, rows.ld, wd, 0, in, y, 0, out, bias != null);
        return Engine.recordSaving(
                new Tensor(y, ys),
                "LinearBackward",
                g -> { // reads x and the weight, not y
                    if (!NoGrad.isGradEnabled()) {
                        linearBackward(g.values(), rows, wd, n, in, out, x, weight, bias);
                        return;
                    }
                    // building a graph of the gradients: the same three products as recorded tensor ops
                    Tensor[] grads = linearGradients(g, x, weight, n);
                    if (x.requiresGrad()) x.accumulateGrad(grads[0]);
                    if (weight.requiresGrad()) weight.accumulateGrad(grads[1]);
                    if (bias != null && bias.requiresGrad()) bias.accumulateGrad(grads[2]);
                },
                new Tensor[] {x, weight},
                x,
                weight,
                bias);
    }

    private static void linearBackward(
            float[] gd, Rows rows, float[] wd, int n, int in, int out, Tensor x, Tensor weight, Tensor bias) {
        if (x.requiresGrad()) { // dx = g · W        [n,out]·[out,in]
            float[] gx = new float[n * in];
            Gemm.sgemm(false, false, n, in, out, gd, 0, out, wd, 0, in, gx, 0, in, false);
            x.accumulateNewGrad(gx);
        }
        if (weight.requiresGrad()) { // dW = gᵀ · x   [out,n]·[n,in]
            float[] gw = new float[wd.length];
            Gemm.sgemm(true, false, out, in, n, gd, 0, out, rows.data, rows.offset, rows.ld, gw, 0, in, false);
            weight.accumulateNewGrad(gw);
        }
        if (bias != null && bias.requiresGrad()) { // db = column sums of g
            float[] gb = new float[out];
            VectorOps.columnSums(gd, n, out, gb);
            bias.accumulateNewGrad(gb);
        }
    }

    /** x as the GEMM's row-major [n, in] operand: read in place when its rows are contiguous and evenly spaced, else copied. */
    private record Rows(float[] data, int offset, int ld) {
        static Rows of(Tensor x, int n, int in) {
            if (x.isContiguous()) return new Rows(x.storageArray(), x.storageOffset(), in);
            if (x.dim() == 2 && (x.stride(1) == 1 || in <= 1) && x.stride(0) >= in)
                return new Rows(x.storageArray(), x.storageOffset(), x.stride(0));
            return new Rows(x.toArray(), 0, in);
        }
    }

    /** dx = g·W, dW = gᵀ·x, db = Σ_rows g as tensor ops (each recorded, so differentiable), for n rows. */
    static Tensor[] linearGradients(Tensor g, Tensor x, Tensor weight, int rows) {
        int out = weight.size(0), in = weight.size(1);
        Tensor g2 = g.reshape(rows, out);
        return new Tensor[] {g2.matmul(weight).reshape(x.shape()), g2.t().matmul(x.reshape(rows, in)), g2.sum(0)};
    }

    // ---------------------------------------------------------------- activations
    // Each elementwise activation is written as its value f, its derivative f' (both in double: the fast
    // path) and f' again as tensor ops (the differentiable path, see Elementwise), side by side. Derivatives
    // at kinks are PyTorch 1.13's.

    /**
     * The identity, as {@code nn.Identity}: returns x itself (no copy, no graph node).
     *
     * @param x the input, any shape
     * @return x
     */
    public static Tensor identity(Tensor x) {
        return x;
    }

    /**
     * Heaviside step, the classic perceptron's threshold: 1 if x &gt; 0, else 0. Its derivative is zero
     * everywhere it exists (and undefined at 0), so no gradient flows through it: a network using it
     * cannot be trained by backpropagation; the perceptron learning rule updates such units instead.
     *
     * @param x the input, any shape
     * @return 1 where x &gt; 0, else 0, same shape as x
     */
    public static Tensor step(Tensor x) {
        return STEP.apply(x);
    }

    static final Elementwise STEP = new Elementwise("StepBackward", v -> v > 0 ? 1 : 0, v -> 0, Tensor::zerosLike);

    /**
     * The logistic sigmoid σ(x) = 1/(1 + e^(−x)), elementwise, as {@code torch.sigmoid}.
     *
     * @param x the input, any shape
     * @return σ(x), values in (0, 1), same shape as x
     */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /**
     * The hyperbolic tangent, elementwise, as {@code torch.tanh}.
     *
     * @param x the input, any shape
     * @return tanh(x), values in (−1, 1), same shape as x
     */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /**
     * max(x, 0) elementwise, as {@code F.relu}; the gradient at 0 is 0, as PyTorch's.
     *
     * @param x the input, any shape
     * @return a new tensor max(x, 0), same shape as x
     */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /**
     * {@code F.relu(x, inplace)}: in place writes over x's storage (see {@link Tensor#relu_()}); use the result.
     *
     * @param x the input, any shape
     * @param inplace whether to overwrite x's storage instead of allocating a new tensor
     * @return max(x, 0), same shape as x (x itself when {@code inplace})
     */
    public static Tensor relu(Tensor x, boolean inplace) {
        return inplace ? x.relu_() : x.relu();
    }

    /**
     * x if x &gt; 0, else negativeSlope·x, as {@code F.leaky_relu} (PyTorch default slope 0.01).
     *
     * @param x the input, any shape
     * @param negativeSlope the slope for x ≤ 0 (PyTorch's default is 0.01)
     * @return the activation, same shape as x
     */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return leakyReluOf(negativeSlope).apply(x);
    }

    static Elementwise leakyReluOf(double negativeSlope) {
        return new Elementwise(
                "LeakyReluBackward",
                v -> v > 0 ? v : negativeSlope * v,
                v -> v > 0 ? 1 : negativeSlope,
                x -> x.gt(0f).mul((float) (1 - negativeSlope)).add((float) negativeSlope));
    }

    /**
     * x if x &gt; 0, else alpha·(eˣ − 1), as {@code F.elu}.
     *
     * @param x the input, any shape
     * @param alpha the saturation value for large negative x (PyTorch's default is 1.0)
     * @return the activation, same shape as x
     */
    public static Tensor elu(Tensor x, double alpha) {
        return eluOf(alpha, 1).apply(x);
    }

    /**
     * scale·(x if x &gt; 0, else alpha·(eˣ − 1)) with PyTorch's constants alpha ≈ 1.6733, scale ≈ 1.0507
     * (self-normalizing networks), as {@code F.selu}.
     *
     * @param x the input, any shape
     * @return the activation, same shape as x
     */
    public static Tensor selu(Tensor x) {
        return SELU_FN.apply(x);
    }

    static final double SELU_ALPHA = 1.6732632423543772848170429916717, SELU_SCALE = 1.0507009873554804934193349852946;
    static final Elementwise SELU_FN = eluOf(SELU_ALPHA, SELU_SCALE);

    /** scale·(x if x &gt; 0, else alpha·(eˣ − 1)); the slope at 0 is the left one, alpha·scale, as PyTorch's. */
    static Elementwise eluOf(double alpha, double scale) {
        return new Elementwise(
                scale == 1 ? "EluBackward" : "SeluBackward",
                v -> scale * (v > 0 ? v : alpha * Math.expm1(v)),
                v -> scale * (v > 0 ? 1 : alpha * Math.exp(v)),
                // exp of min(x, 0): the branch where() discards must not overflow, or 0·∞ poisons the gradient
                x -> Tensor.where(
                        x.gt(0f),
                        Tensor.scalar((float) scale),
                        x.clamp(Float.NEGATIVE_INFINITY, 0f).exp().mul((float) (alpha * scale))));
    }

    /**
     * x if x &gt; 0, else alpha·(e^(x/alpha) − 1), as {@code F.celu} (continuously differentiable ELU).
     *
     * @param x the input, any shape
     * @param alpha the scale of the negative branch (PyTorch's default is 1.0)
     * @return the activation, same shape as x
     * @throws IllegalArgumentException if alpha is 0 or NaN
     */
    public static Tensor celu(Tensor x, double alpha) {
        return celuOf(alpha).apply(x);
    }

    static Elementwise celuOf(double alpha) {
        if (alpha == 0 || Double.isNaN(alpha))
            throw new IllegalArgumentException("celu: alpha cannot be 0 (it divides x), got " + alpha);
        return new Elementwise(
                "CeluBackward",
                v -> v > 0 ? v : alpha * Math.expm1(v / alpha),
                v -> v > 0 ? 1 : Math.exp(v / alpha),
                x -> Tensor.where(
                        x.gt(0f),
                        Tensor.scalar(1),
                        x.clamp(Float.NEGATIVE_INFINITY, 0f).div((float) alpha).exp()));
    }

    /**
     * Exact GELU, x·Φ(x) with Φ the standard normal CDF (PyTorch's default, approximate='none').
     *
     * @param x the input, any shape
     * @return the activation, same shape as x
     */
    public static Tensor gelu(Tensor x) {
        return GELU_NONE.apply(x);
    }

    /**
     * GELU with {@code approximate} "none" (exact, x·Φ(x)) or "tanh":
     * ½x·(1 + tanh(√(2/π)·(x + 0.044715x³))), as {@code F.gelu(x, approximate=...)}.
     *
     * @param x the input, any shape
     * @param approximate "none" or "tanh"
     * @return the activation, same shape as x
     * @throws IllegalArgumentException if approximate is neither "none" nor "tanh"
     */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate) {
            case "none" -> GELU_NONE.apply(x);
            case "tanh" -> GELU_TANH.apply(x);
            case null, default ->
                throw new IllegalArgumentException(
                        "gelu: approximate argument must be either none or tanh, got " + approximate);
        };
    }

    static final Elementwise GELU_NONE = new Elementwise(
            "GeluBackward",
            v -> v * normalCdf(v),
            v -> normalCdf(v) + v * normalPdf(v),
            x -> F.NORMAL_CDF.apply(x).add(x.mul(normalPdf(x))));

    /** Φ itself as a differentiable op, so that GELU's derivative Φ(x) + x·φ(x) can be differentiated again. */
    static final Elementwise NORMAL_CDF =
            new Elementwise("NormalCdfBackward", F::normalCdf, F::normalPdf, F::normalPdf);

    private static final double TANH_K = Math.sqrt(2 / Math.PI), TANH_C = 0.044715;
    static final Elementwise GELU_TANH = new Elementwise(
            "GeluBackward",
            v -> 0.5 * v * (1 + Math.tanh(TANH_K * (v + TANH_C * v * v * v))),
            v -> {
                double t = Math.tanh(TANH_K * (v + TANH_C * v * v * v));
                return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * TANH_K * (1 + 3 * TANH_C * v * v);
            },
            x -> {
                Tensor t = x.add(x.square().mul(x).mul((float) TANH_C))
                        .mul((float) TANH_K)
                        .tanh();
                Tensor inner = x.square().mul((float) (3 * TANH_C)).add(1f).mul((float) TANH_K);
                return t.add(1f)
                        .mul(0.5f)
                        .add(x.mul(0.5f).mul(t.square().rsub(1f)).mul(inner));
            });

    /**
     * x·σ(x), as {@code F.silu} (also called swish).
     *
     * @param x the input, any shape
     * @return the activation, same shape as x
     */
    public static Tensor silu(Tensor x) {
        return SILU.apply(x);
    }

    static final Elementwise SILU = new Elementwise(
            "SiluBackward",
            v -> v * logistic(v),
            v -> {
                double s = logistic(v);
                return s * (1 + v * (1 - s));
            },
            x -> {
                Tensor s = x.sigmoid();
                return s.mul(x.mul(s.rsub(1f)).add(1f));
            });

    /**
     * x·tanh(softplus(x)), as {@code F.mish}.
     *
     * @param x the input, any shape
     * @return the activation, same shape as x
     */
    public static Tensor mish(Tensor x) {
        return MISH.apply(x);
    }

    static final Elementwise MISH = new Elementwise(
            "MishBackward",
            v -> v * Math.tanh(stableSoftplus(v)),
            v -> {
                double t = Math.tanh(stableSoftplus(v));
                return t + v * logistic(v) * (1 - t * t);
            },
            x -> {
                Tensor t = softplusOf(1, Double.POSITIVE_INFINITY).apply(x).tanh();
                return t.add(x.mul(x.sigmoid()).mul(t.square().rsub(1f)));
            });

    /**
     * x·relu6(x + 3)/6, as {@code F.hardswish}. The slope is x/3 + ½ on [−3, 3), so −½ at −3 and 1 at 3:
     * what PyTorch 1.13's vectorized kernel gives (its scalar tail loop says 1.5 at 3; the vector one is
     * what nearly every element of a real tensor goes through, and it agrees with the documented branches).
     *
     * @param x the input, any shape
     * @return the activation, same shape as x
     */
    public static Tensor hardswish(Tensor x) {
        return HARDSWISH.apply(x);
    }

    static final Elementwise HARDSWISH = new Elementwise(
            "HardswishBackward",
            v -> v * Math.min(Math.max(v + 3, 0), 6) / 6,
            v -> v < -3 ? 0 : v < 3 ? v / 3 + 0.5 : 1,
            x -> Tensor.where(
                    x.lt(-3f),
                    Tensor.scalar(0),
                    Tensor.where(x.lt(3f), x.div(3f).add(0.5f), Tensor.scalar(1))));

    /**
     * relu6(x + 3)/6, as {@code F.hardsigmoid}; slope 1/6 strictly inside (−3, 3), 0 at the ends, as PyTorch.
     *
     * @param x the input, any shape
     * @return the activation, values in [0, 1], same shape as x
     */
    public static Tensor hardsigmoid(Tensor x) {
        return HARDSIGMOID.apply(x);
    }

    static final Elementwise HARDSIGMOID = new Elementwise(
            "HardsigmoidBackward",
            v -> Math.min(Math.max(v + 3, 0), 6) / 6,
            v -> v > -3 && v < 3 ? 1.0 / 6 : 0,
            x -> x.gt(-3f).mul(x.lt(3f)).mul(1f / 6));

    /**
     * min(max(x, 0), 6), as {@code F.relu6}; slope 1 strictly inside (0, 6), 0 at 0 and 6, as PyTorch.
     *
     * @param x the input, any shape
     * @return the activation, values in [0, 6], same shape as x
     */
    public static Tensor relu6(Tensor x) {
        return RELU6.apply(x);
    }

    static final Elementwise RELU6 = new Elementwise(
            "Relu6Backward",
            v -> Math.min(Math.max(v, 0), 6),
            v -> v > 0 && v < 6 ? 1 : 0,
            x -> x.gt(0f).mul(x.lt(6f)));

    /**
     * log σ(x) = −softplus(−x), computed without overflow for large |x|, as {@code F.logsigmoid}.
     *
     * @param x the input, any shape
     * @return the activation, values ≤ 0, same shape as x
     */
    public static Tensor logSigmoid(Tensor x) {
        return LOG_SIGMOID.apply(x);
    }

    static final Elementwise LOG_SIGMOID = new Elementwise(
            "LogSigmoidBackward",
            v -> -stableSoftplus(-v),
            v -> logistic(-v), // 1 − σ(x)
            x -> x.neg().sigmoid());

    /**
     * x/(1 + |x|), as {@code F.softsign}.
     *
     * @param x the input, any shape
     * @return the activation, values in (−1, 1), same shape as x
     */
    public static Tensor softsign(Tensor x) {
        return SOFTSIGN.apply(x);
    }

    static final Elementwise SOFTSIGN = new Elementwise(
            "SoftsignBackward",
            v -> v / (1 + Math.abs(v)),
            v -> 1 / ((1 + Math.abs(v)) * (1 + Math.abs(v))),
            x -> x.abs().add(1f).square().reciprocal());

    /**
     * log(1 + e^(βx))/β, and x itself where βx &gt; threshold (for numerical stability), as {@code F.softplus}.
     *
     * @param x the input, any shape
     * @param beta the sharpness β (PyTorch's default is 1)
     * @param threshold above which βx the function is taken as linear (PyTorch's default is 20)
     * @return the activation, same shape as x
     * @throws IllegalArgumentException if beta is not positive
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return softplusOf(beta, threshold).apply(x);
    }

    static Elementwise softplusOf(double beta, double threshold) {
        if (!(beta > 0)) throw new IllegalArgumentException("softplus: beta must be positive, got " + beta);
        return new Elementwise(
                "SoftplusBackward",
                v -> v * beta > threshold ? v : stableSoftplus(v * beta) / beta,
                v -> v * beta > threshold ? 1 : logistic(v * beta),
                x -> {
                    Tensor bx = x.mul((float) beta);
                    return Tensor.where(bx.gt((float) threshold), Tensor.scalar(1), bx.sigmoid());
                });
    }

    /**
     * x where x &gt; 0, else weight·x, as {@code F.prelu}: weight has one element, or one per channel
     * (dim 1 of the input, broadcast over the other dims). At x = 0 the input's slope is the weight and
     * the weight's gradient is 0, as PyTorch's. A composite of differentiable ops, so it needs no backward.
     *
     * @param x the input, shape [N, C, ...] (or any shape with a one-element weight)
     * @param weight the negative slopes, shape [1] or [C]
     * @return the activation, same shape as x
     * @throws ShapeMismatchException if weight is not [1] or [C] with C = dim 1 of x
     */
    public static Tensor prelu(Tensor x, Tensor weight) {
        int n = weight.numel(), channels = x.dim() >= 2 ? x.size(1) : 1;
        if (weight.dim() > 1 || (n != 1 && n != channels))
            throw new ShapeMismatchException("prelu: weight shape " + Shapes.str(weight.shape())
                    + " must be [1] or [channels] for input shape " + Shapes.str(x.shape())
                    + "; found parameter numbers = " + n + " and channel size = " + channels + " (channels are dim 1)");
        int[] along = new int[Math.max(x.dim(), 1)]; // weight shaped to broadcast along dim 1
        Arrays.fill(along, 1);
        if (n > 1) along[1] = n;
        Tensor w = n == 1 ? weight.reshape() : weight.reshape(along);
        return Tensor.where(x.gt(0f), x, x.mul(w));
    }

    /**
     * Softmax along {@code dim}, as {@code F.softmax(x, dim)}: e^(x_i − max)/Σ e^(x_j − max), each slice summing to 1.
     *
     * @param x the input, any shape
     * @param dim the dimension to normalize over (negative counts from the end)
     * @return the probabilities, same shape as x
     */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /**
     * log(softmax(x)) along {@code dim}, computed stably (x − max − log Σ e^(x − max)), as {@code F.log_softmax}.
     *
     * @param x the input, any shape
     * @param dim the dimension to normalize over (negative counts from the end)
     * @return the log-probabilities, same shape as x
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /** log(1 + eᵛ) without overflow: max(v, 0) + log1p(e^(−|v|)). */
    static double stableSoftplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    /** φ(v) = e^(−v²/2)/√(2π), the standard normal density. */
    static double normalPdf(double v) {
        return Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
    }

    /** φ(x) as tensor ops. */
    static Tensor normalPdf(Tensor x) {
        return x.square().mul(-0.5f).exp().mul((float) (1 / Math.sqrt(2 * Math.PI)));
    }

    static double logistic(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

    /** Φ(x) = ½·erfc(−x/√2). */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * Complementary error function with fractional error below 1.2e-7 everywhere (Chebyshev fit,
     * Numerical Recipes {@code erfcc}); relative accuracy holds in the tails, so GELU is accurate for
     * large negative inputs too.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    // ---------------------------------------------------------------- dropout

    /**
     * Inverted dropout: in training, zeroes each element with probability p and scales the rest by
     * 1/(1−p), so eval needs no rescaling; the identity when not training or p = 0. As {@code F.dropout};
     * the mask depends only on {@code gen}'s state, not on the thread count.
     *
     * @param x the input, any shape
     * @param p the probability of zeroing an element, in [0, 1] (PyTorch's default is 0.5)
     * @param training whether to apply dropout; when false x is returned unchanged
     * @param gen the random generator the mask is drawn from (used only when training and p &gt; 0)
     * @return the result, same shape as x (x itself when not training or p = 0)
     * @throws IllegalArgumentException if p is not in [0, 1]
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1))
            throw new IllegalArgumentException("dropout: probability p must be in [0, 1], got " + p);
        if (!training || p == 0) return x;
        int n = x.numel();
        // one draw per element, element i from draw i of the stream: the same mask for any thread count
        Generator.Block draws = gen.nextBlock(n);
        float keep = p < 1 ? (float) (1 / (1 - p)) : 0;
        float[] xv = x.values(), mask = new float[n], y = new float[n];
        Parallel.forRange(n, DROPOUT_GRAIN, (from, to) -> {
            if (Simd.ENABLED) DropoutKernel.apply(draws.seed(), draws.gamma(), p, keep, xv, mask, y, from, to);
            else DropoutKernelPlain.apply(draws.seed(), draws.gamma(), p, keep, xv, mask, y, from, to);
        });
        return Engine.recordShapeOnly(
                new Tensor(y, x.shape()),
                "DropoutBackward",
                g -> {
                    if (!x.requiresGrad()) return;
                    if (NoGrad.isGradEnabled()) { // createGraph: a recorded product, differentiable again
                        x.accumulateGrad(g.mul(new Tensor(mask, x.shape())));
                        return;
                    }
                    // dx = g·mask, written over g when the engine frees g after this step (no new array, no copy)
                    float[] gv = g.values(), dx = Engine.reusableGradient(g);
                    if (dx == null) dx = new float[gv.length];
                    VectorOps.mul(gv, 0, mask, 0, dx, 0, gv.length);
                    x.accumulateNewGrad(dx);
                },
                x);
    }

    /** Elements per task of dropout's mask: a task draws and applies them in a few microseconds. */
    private static final int DROPOUT_GRAIN = 1 << 14;

    // ---------------------------------------------------------------- normalization

    /**
     * Batch normalization over [N, C, ...] such as [N, C], [N, C, L] or [N, C, H, W] (statistics per channel C). In training it normalizes
     * with the batch mean and biased variance and, if running stats are given, updates them in place:
     * {@code running = (1 − momentum)·running + momentum·batch}, using the unbiased variance for
     * {@code runningVar}. Otherwise it normalizes with the running statistics. As {@code F.batch_norm}.
     *
     * @param x the input, shape [N, C, ...]
     * @param runningMean the running mean, shape [C], updated in place when training; null to keep none
     * @param runningVar the running variance, shape [C], updated in place when training; null to keep none
     * @param weight the scale γ, shape [C], or null for none
     * @param bias the shift β, shape [C], or null for none
     * @param training whether to normalize with batch statistics (and update the running ones)
     * @param momentum the running statistics' update factor (PyTorch's default is 0.1)
     * @param eps added to the variance for numerical stability (PyTorch's default is 1e-5)
     * @return the normalized input, same shape as x
     * @throws ShapeMismatchException if x has fewer than 2 dims or a per-channel tensor is not [C]
     * @throws IllegalArgumentException if training with only one value per channel
     */
    public static Tensor batchNorm(
            Tensor x,
            Tensor runningMean,
            Tensor runningVar,
            Tensor weight,
            Tensor bias,
            boolean training,
            double momentum,
            double eps) {
        int[] s = x.shape();
        if (s.length < 2)
            throw new ShapeMismatchException(
                    "batchNorm: expected input of shape [N, C, ...] (e.g. [N, C], [N, C, L], [N, C, H, W]), got "
                            + Shapes.str(s));
        int c = s[1];
        int[] dims = new int[s.length - 1]; // every dim but the channels
        int[] channelShape = new int[s.length];
        Arrays.fill(channelShape, 1);
        channelShape[1] = c;
        for (int d = 0, k = 0; d < s.length; d++) if (d != 1) dims[k++] = d;
        for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias})
            if (t != null && !Arrays.equals(t.shape(), new int[] {c}))
                throw new ShapeMismatchException("batchNorm: per-channel tensors must have shape [" + c + "], got "
                        + Shapes.str(t.shape()) + " for input " + Shapes.str(s));
        boolean batchStats = training || runningMean == null || runningVar == null;
        int n = s[0], inner = n * c == 0 ? 0 : x.numel() / (n * c), count = n * inner;
        if (training && count <= 1)
            throw new IllegalArgumentException(
                    "batchNorm: expected more than 1 value per channel when training, got input shape " + Shapes.str(s)
                            + "; use a batch larger than 1 or call eval()");
        float[] xd = x.values(), mean = new float[c], invstd = new float[c];
        if (batchStats) {
            float[] var = new float[c];
            if (Simd.ENABLED) BatchNormKernel.meanVar(xd, n, c, inner, mean, var);
            else BatchNormKernelPlain.meanVar(xd, n, c, inner, mean, var);
            for (int i = 0; i < c; i++) invstd[i] = (float) (1 / Math.sqrt(var[i] + eps));
            if (training && runningMean != null && runningVar != null) {
                float[] rm = runningMean.data(), rv = runningVar.data();
                double unbias = count / (double) (count - 1);
                for (int i = 0; i < c; i++) {
                    rm[i] = (float) ((1 - momentum) * rm[i] + momentum * mean[i]);
                    rv[i] = (float) ((1 - momentum) * rv[i] + momentum * var[i] * unbias);
                }
            }
        } else {
            System.arraycopy(
                    runningMean.values(), 0, mean, 0, c); // copies: later updates must not change this op's backward
            float[] rv = runningVar.values();
            for (int i = 0; i < c; i++) invstd[i] = (float) (1 / Math.sqrt(rv[i] + eps));
        }
        // y = (x − mean)·invstd·w + b as one multiply-add per element
        float[] wd = weight == null ? null : weight.values(), bd = bias == null ? null : bias.values();
        float[] scale = new float[c], shift = new float[c], y = new float[xd.length];
        for (int i = 0; i < c; i++) {
            scale[i] = invstd[i] * (wd == null ? 1 : wd[i]);
            shift[i] = (bd == null ? 0 : bd[i]) - mean[i] * scale[i];
        }
        if (Simd.ENABLED) BatchNormKernel.affine(xd, n, c, inner, scale, shift, y);
        else BatchNormKernelPlain.affine(xd, n, c, inner, scale, shift, y);
        return Engine.recordSaving(
                new Tensor(y, s),
                "NativeBatchNormBackward0",
                g -> { // reads x and the weight, not y
                    if (!NoGrad.isGradEnabled()) {
                        float[] gx = x.requiresGrad() ? new float[xd.length] : null;
                        float[] gw = weight != null && weight.requiresGrad() ? new float[c] : null,
                                gb = bias != null && bias.requiresGrad() ? new float[c] : null;
                        if (Simd.ENABLED)
                            BatchNormKernel.backward(
                                    g.values(), xd, n, c, inner, mean, invstd, wd, batchStats, gx, gw, gb);
                        else
                            BatchNormKernelPlain.backward(
                                    g.values(), xd, n, c, inner, mean, invstd, wd, batchStats, gx, gw, gb);
                        if (gx != null) x.accumulateNewGrad(gx);
                        if (gw != null) weight.accumulateNewGrad(gw);
                        if (gb != null) bias.accumulateNewGrad(gb);
                        return;
                    }
                    batchNormGradients(g, x, weight, bias, batchStats ? null : mean, invstd, dims, channelShape, eps);
                },
                new Tensor[] {x, weight},
                x,
                weight,
                bias);
    }

    /**
     * Batch norm's backward as tensor ops (a graph, for createGraph). With batch statistics ({@code runningMean}
     * null) mean and variance are recomputed from x so that their dependence on x is differentiated too:
     * {@code dx = invstd·(gw − mean(gw) − x̂·mean(gw·x̂))} with {@code gw = g·weight}; with running statistics
     * {@code dx = gw·invstd}. Always {@code dweight = Σ g·x̂}, {@code dbias = Σ g}.
     */
    private static void batchNormGradients(
            Tensor g,
            Tensor x,
            Tensor weight,
            Tensor bias,
            float[] runningMean,
            float[] invstd,
            int[] dims,
            int[] channelShape,
            double eps) {
        Tensor mean, is;
        if (runningMean == null) {
            mean = x.mean(dims, true);
            is = x.var(dims, 0, true).add((float) eps).sqrt().reciprocal();
        } else {
            mean = new Tensor(runningMean, channelShape);
            is = new Tensor(invstd, channelShape);
        }
        Tensor xhat = x.sub(mean).mul(is);
        Tensor gw = weight == null ? g : g.mul(weight.reshape(channelShape));
        if (x.requiresGrad()) {
            Tensor dx = runningMean != null
                    ? gw.mul(is)
                    : gw.sub(gw.mean(dims, true))
                            .sub(xhat.mul(gw.mul(xhat).mean(dims, true)))
                            .mul(is);
            x.accumulateGrad(dx);
        }
        if (weight != null && weight.requiresGrad())
            weight.accumulateGrad(g.mul(xhat).sum(dims, false));
        if (bias != null && bias.requiresGrad()) bias.accumulateGrad(g.sum(dims, false));
    }

    /**
     * Layer normalization over the trailing dims given by {@code normalizedShape} (biased variance), then
     * the elementwise affine transform if weight/bias (of shape normalizedShape) are given. One fused op on
     * {@link LayerNormKernel} (mean and 1/√(var + eps) per row saved for the backward); under createGraph the
     * backward is tensor ops that can be differentiated again. As {@code F.layer_norm}.
     *
     * @param x the input, shape [..., *normalizedShape]
     * @param normalizedShape the trailing dims to normalize over
     * @param weight the elementwise scale, shape normalizedShape, or null for none
     * @param bias the elementwise shift, shape normalizedShape, or null for none
     * @param eps added to the variance for numerical stability (PyTorch's default is 1e-5)
     * @return the normalized input, same shape as x
     * @throws ShapeMismatchException if x does not end in normalizedShape, or weight/bias do not have that shape
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int[] s = x.shape();
        int k = normalizedShape.length;
        if (k == 0 || k > s.length || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape))
            throw new ShapeMismatchException("layerNorm: input shape " + Shapes.str(s)
                    + " does not end in normalized shape " + Shapes.str(normalizedShape));
        for (Tensor t : new Tensor[] {weight, bias})
            if (t != null && !Arrays.equals(t.shape(), normalizedShape))
                throw new ShapeMismatchException("layerNorm: weight and bias must have the normalized shape "
                        + Shapes.str(normalizedShape) + ", got " + Shapes.str(t.shape()));
        int cols = Shapes.prod(normalizedShape, 0, k), rows = cols == 0 ? 0 : x.numel() / cols;
        if (cols == 0) return x.mul(1f);
        float[] xd = x.values(), wd = weight == null ? null : weight.values(), bd = bias == null ? null : bias.values();
        float[] y = new float[xd.length], mean = new float[rows], rstd = new float[rows];
        if (Simd.ENABLED) LayerNormKernel.forward(xd, rows, cols, wd, bd, (float) eps, y, mean, rstd);
        else LayerNormKernelPlain.forward(xd, rows, cols, wd, bd, (float) eps, y, mean, rstd);
        return Engine.record(
                new Tensor(y, s),
                "NativeLayerNormBackward0",
                g -> {
                    if (NoGrad.isGradEnabled()) {
                        layerNormGradients(g, x, weight, bias, k, eps);
                        return;
                    }
                    float[] dx = x.requiresGrad() ? new float[xd.length] : null;
                    float[] dw = weight != null && weight.requiresGrad() ? new float[cols] : null,
                            db = bias != null && bias.requiresGrad() ? new float[cols] : null;
                    if (Simd.ENABLED) LayerNormKernel.backward(g.values(), xd, rows, cols, wd, mean, rstd, dx, dw, db);
                    else LayerNormKernelPlain.backward(g.values(), xd, rows, cols, wd, mean, rstd, dx, dw, db);
                    if (dx != null) x.accumulateNewGrad(dx);
                    if (dw != null) weight.accumulateNewGrad(dw);
                    if (db != null) bias.accumulateNewGrad(db);
                },
                x,
                weight,
                bias);
    }

    /**
     * Layer norm's backward as tensor ops (a graph, for createGraph), mean and variance recomputed from x so their
     * dependence on x is differentiated too: {@code dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))} with {@code ĝ = g·weight},
     * {@code dweight = Σ g·x̂}, {@code dbias = Σ g} over the leading dims.
     */
    private static void layerNormGradients(Tensor g, Tensor x, Tensor weight, Tensor bias, int k, double eps) {
        int r = x.dim();
        int[] norm = new int[k], lead = new int[r - k];
        for (int i = 0; i < k; i++) norm[i] = r - k + i;
        for (int i = 0; i < r - k; i++) lead[i] = i;
        Tensor rstd = x.var(norm, 0, true).add((float) eps).sqrt().reciprocal();
        Tensor xhat = x.sub(x.mean(norm, true)).mul(rstd);
        Tensor gw = weight == null ? g : g.mul(weight);
        if (x.requiresGrad())
            x.accumulateGrad(gw.sub(gw.mean(norm, true))
                    .sub(xhat.mul(gw.mul(xhat).mean(norm, true)))
                    .mul(rstd));
        if (weight != null && weight.requiresGrad())
            weight.accumulateGrad(lead.length == 0 ? g.mul(xhat) : g.mul(xhat).sum(lead, false));
        if (bias != null && bias.requiresGrad()) bias.accumulateGrad(lead.length == 0 ? g : g.sum(lead, false));
    }

    // ---------------------------------------------------------------- attention

    /**
     * Scaled dot-product attention as PyTorch 2's {@code F.scaled_dot_product_attention(q, k, v, attn_mask, dropout_p,
     * is_causal)}: softmax(q·kᵀ/√E + mask)·v on the fused kernel (see {@link dev.myelin.nn.attention.AttentionF});
     * {@code attnMask} may be null. Dropout needs a generator: use the overload that takes one.
     *
     * @param q the queries, shape [..., L, E]
     * @param k the keys, shape [..., S, E]
     * @param v the values, shape [..., S, Ev]
     * @param attnMask the mask on the [L, S] scores (allow, block or additive), or null for none
     * @param dropoutP the dropout probability on the attention weights; must be 0 here (dropout needs a generator)
     * @param isCausal whether to mask out keys after each query (a lower-triangular mask)
     * @return the attention output, shape [..., L, Ev]
     * @throws ShapeMismatchException if q, k, v (or the mask) have incompatible shapes, naming them
     * @throws IllegalArgumentException if dropoutP is outside [0, 1], or positive without a generator, or both a mask
     *     and isCausal are given
     */
    public static Tensor scaledDotProductAttention(
            Tensor q,
            Tensor k,
            Tensor v,
            dev.myelin.nn.attention.AttentionMask attnMask,
            double dropoutP,
            boolean isCausal) {
        return dev.myelin.nn.attention.AttentionF.scaledDotProductAttention(
                q, k, v, attnMask, dropoutP, isCausal, null, null);
    }

    /**
     * As {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, dev.myelin.nn.attention.AttentionMask, double,
     * boolean)}, dropout drawn from {@code gen}.
     *
     * @param q the queries, shape [..., L, E]
     * @param k the keys, shape [..., S, E]
     * @param v the values, shape [..., S, Ev]
     * @param attnMask the mask on the [L, S] scores (allow, block or additive), or null for none
     * @param dropoutP the dropout probability on the attention weights
     * @param isCausal whether to mask out keys after each query (a lower-triangular mask)
     * @param gen the random generator for the dropout mask
     * @return the attention output, shape [..., L, Ev]
     * @throws ShapeMismatchException if q, k, v (or the mask) have incompatible shapes, naming them
     * @throws IllegalArgumentException if dropoutP is outside [0, 1], or both a mask and isCausal are given
     */
    public static Tensor scaledDotProductAttention(
            Tensor q,
            Tensor k,
            Tensor v,
            dev.myelin.nn.attention.AttentionMask attnMask,
            double dropoutP,
            boolean isCausal,
            Generator gen) {
        return dev.myelin.nn.attention.AttentionF.scaledDotProductAttention(
                q, k, v, attnMask, dropoutP, isCausal, null, gen);
    }

    // ---------------------------------------------------------------- embedding

    /**
     * Rows of {@code weight} [num, dim] picked by indices of any shape S; result S + [dim], as {@code F.embedding}.
     *
     * @param indices the row numbers, any shape S, each in [0, num)
     * @param weight the embedding table, shape [num_embeddings, embedding_dim]
     * @return the picked rows, shape S + [embedding_dim]
     * @throws ShapeMismatchException if weight is not 2-D
     */
    public static Tensor embedding(IndexTensor indices, Tensor weight) {
        return embedding(indices, weight, null);
    }

    /**
     * As {@link #embedding(IndexTensor, Tensor)} with whole-number float indices (below 2^24; beyond, use an
     * IndexTensor).
     *
     * @param indices the row numbers as whole-number floats, any shape S
     * @param weight the embedding table, shape [num_embeddings, embedding_dim]
     * @return the picked rows, shape S + [embedding_dim]
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return embedding(indices, weight, null);
    }

    /**
     * As {@link #embedding(IndexTensor, Tensor, Integer)} with whole-number float indices, converted once (below
     * 2^24).
     *
     * @param indices the row numbers as whole-number floats, any shape S
     * @param weight the embedding table, shape [num_embeddings, embedding_dim]
     * @param paddingIdx the row that gets no gradient (negative counts from the end), or null for none
     * @return the picked rows, shape S + [embedding_dim]
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        return embedding(IndexTensor.fromTensor("embedding", "index", indices), weight, paddingIdx);
    }

    /**
     * As {@link #embedding(IndexTensor, Tensor)}; positions holding {@code paddingIdx} (negative counts from the
     * end; null for none) read their row as usual but pass no gradient to it, as {@code F.embedding}'s padding_idx.
     *
     * @param indices the row numbers, any shape S, each in [0, num_embeddings)
     * @param weight the embedding table, shape [num_embeddings, embedding_dim]
     * @param paddingIdx the row that gets no gradient (negative counts from the end), or null for none
     * @return the picked rows, shape S + [embedding_dim]
     * @throws ShapeMismatchException if weight is not 2-D
     * @throws IllegalArgumentException if paddingIdx is out of range
     * @throws IndexOutOfBoundsException if an index is outside [0, num_embeddings)
     */
    public static Tensor embedding(IndexTensor indices, Tensor weight, Integer paddingIdx) {
        if (weight.dim() != 2)
            throw new ShapeMismatchException(
                    "embedding: weight must be 2-D [num_embeddings, embedding_dim], got " + Shapes.str(weight.shape()));
        int num = weight.size(0);
        if (paddingIdx != null && (paddingIdx < -num || paddingIdx >= num))
            throw new IllegalArgumentException("embedding: paddingIdx must be within num_embeddings, in [" + -num + ", "
                    + num + "), got " + paddingIdx);
        indices.checkRange("embedding", num, "the table has num_embeddings=" + num);
        int[] is = indices.shape(), os = Arrays.copyOf(is, is.length + 1);
        os[is.length] = weight.size(1);
        IndexTensor flat = indices.reshape(-1);
        Tensor rows = weight.indexSelect(0, flat);
        if (paddingIdx != null) {
            // the padding positions take their values from a detached copy of the rows: same values, no gradient
            int pad = paddingIdx < 0 ? paddingIdx + num : paddingIdx;
            int[] f = flat.toArray();
            float[] mask = new float[f.length];
            for (int i = 0; i < f.length; i++) mask[i] = f[i] == pad ? 1 : 0;
            rows = Tensor.where(new Tensor(mask, f.length, 1), rows.detach(), rows);
        }
        return rows.reshape(os);
    }
}

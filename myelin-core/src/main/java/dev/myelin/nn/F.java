package dev.myelin.nn;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.Gemm;
import dev.myelin.kernel.VectorOps;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Stateless neural-network functions, like {@code torch.nn.functional}; the modules call these.
 * Fused ops ({@link #linear} and the activations that are not tensor primitives) record their backward
 * right below the forward; the normalizations are composites of differentiable tensor ops.
 */
public final class F {
    private F() {}

    // ---------------------------------------------------------------- linear

    /**
     * {@code y = x·Wᵀ + b} for x of shape [..., in], W of shape [out, in], b of shape [out] or null.
     * One GEMM over all leading dims with W read transposed in place (no copy); x is read in place too
     * when its rows are contiguous (a {@code select} or {@code narrow} of a sequence batch).
     * Backward: dx = g·W, dW = gᵀ·x, db = Σ_rows g.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int[] xs = x.shape(), ws = weight.shape();
        if (ws.length != 2)
            throw new ShapeMismatchException("linear: weight must be 2-D [out_features, in_features], got " + Shapes.str(ws));
        int out = ws[0], in = ws[1];
        if (xs.length == 0 || xs[xs.length - 1] != in)
            throw new ShapeMismatchException("linear: input shape " + Shapes.str(xs) + " does not end in in_features=" + in
                    + " (weight shape " + Shapes.str(ws) + ")");
        if (bias != null && !Arrays.equals(bias.shape(), new int[] {out}))
            throw new ShapeMismatchException("linear: bias shape " + Shapes.str(bias.shape()) + " must be [" + out + "]");
        final int n = Shapes.prod(xs, 0, xs.length - 1);
        int[] ys = xs.clone();
        ys[ys.length - 1] = out;
        Rows rows = Rows.of(x, n, in);
        float[] wd = weight.contiguous().data(), y = new float[n * out];
        if (bias != null) VectorOps.fillRows(y, n, out, bias.contiguous().data());
        Gemm.sgemm(false, true, n, out, in, rows.data, rows.offset, rows.ld, wd, 0, in, y, 0, out, bias != null);
        return Engine.record(new Tensor(y, ys), "LinearBackward", g -> {
            if (!NoGrad.isGradEnabled()) {
                linearBackward(g.contiguous().data(), rows, wd, n, in, out, x, weight, bias);
                return;
            }
            // building a graph of the gradients: the same three products as recorded tensor ops
            Tensor g2 = g.reshape(n, out);
            if (x.requiresGrad()) x.accumulateGrad(g.matmul(weight));
            if (weight.requiresGrad()) weight.accumulateGrad(g2.t().matmul(x.reshape(n, in)));
            if (bias != null && bias.requiresGrad()) bias.accumulateGrad(g2.sum(0));
        }, x, weight, bias);
    }

    private static void linearBackward(float[] gd, Rows rows, float[] wd, int n, int in, int out, Tensor x, Tensor weight, Tensor bias) {
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

    // ---------------------------------------------------------------- activations

    public static Tensor identity(Tensor x) {
        return x;
    }

    /**
     * Heaviside step, the classic perceptron's threshold: 1 if x &gt; 0, else 0. Its derivative is zero
     * everywhere it exists (and undefined at 0), so no gradient flows through it: a network using it
     * cannot be trained by backpropagation; the perceptron learning rule updates such units instead.
     */
    public static Tensor step(Tensor x) {
        return pointwise(x, "StepBackward", v -> v > 0 ? 1 : 0, v -> 0);
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** x if x &gt; 0, else negativeSlope·x (PyTorch default slope 0.01). */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return pointwise(x, "LeakyReluBackward", v -> v > 0 ? v : negativeSlope * v, v -> v > 0 ? 1 : negativeSlope);
    }

    /** x if x &gt; 0, else alpha·(eˣ − 1). */
    public static Tensor elu(Tensor x, double alpha) {
        return pointwise(x, "EluBackward", v -> v > 0 ? v : alpha * Math.expm1(v), v -> v > 0 ? 1 : alpha * Math.exp(v));
    }

    /** Exact GELU, x·Φ(x) with Φ the standard normal CDF (PyTorch's default, approximate='none'). */
    public static Tensor gelu(Tensor x) {
        return pointwise(x, "GeluBackward", v -> v * normalCdf(v), v -> normalCdf(v) + v * Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI));
    }

    /** log(1 + e^(βx))/β, and x itself where βx &gt; threshold (for numerical stability, as PyTorch). */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        if (!(beta > 0)) throw new IllegalArgumentException("softplus: beta must be positive, got " + beta);
        return pointwise(x, "SoftplusBackward",
                v -> v * beta > threshold ? v : (Math.max(v * beta, 0) + Math.log1p(Math.exp(-Math.abs(v * beta)))) / beta,
                v -> v * beta > threshold ? 1 : logistic(v * beta));
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /** Applies f elementwise (in double) and records g·f'(x) as the backward. */
    private static Tensor pointwise(Tensor x, String op, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        float[] xd = x.data(), o = new float[xd.length];
        for (int i = 0; i < o.length; i++) o[i] = (float) f.applyAsDouble(xd[i]);
        return Engine.record(new Tensor(o, x.shape()), op, g -> {
            float[] gd = g.data(), gi = new float[gd.length];
            for (int i = 0; i < gi.length; i++) gi[i] = (float) (gd[i] * df.applyAsDouble(xd[i]));
            x.accumulateNewGrad(gi);
        }, x);
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
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    // ---------------------------------------------------------------- dropout

    /**
     * Inverted dropout: in training, zeroes each element with probability p and scales the rest by
     * 1/(1−p), so eval needs no rescaling; the identity when not training or p = 0.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout: probability p must be in [0, 1], got " + p);
        if (!training || p == 0) return x;
        float[] mask = new float[x.numel()];
        if (p < 1) {
            float keep = (float) (1 / (1 - p));
            for (int i = 0; i < mask.length; i++) mask[i] = gen.nextDouble() >= p ? keep : 0;
        }
        return x.mul(new Tensor(mask, x.shape()));
    }

    // ---------------------------------------------------------------- normalization

    /**
     * Batch normalization over [N, C] or [N, C, L] (statistics per channel C). In training it normalizes
     * with the batch mean and biased variance and, if running stats are given, updates them in place:
     * {@code running = (1 − momentum)·running + momentum·batch}, using the unbiased variance for
     * {@code runningVar}. Otherwise it normalizes with the running statistics.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        int[] s = x.shape();
        if (s.length != 2 && s.length != 3)
            throw new ShapeMismatchException("batchNorm: expected input of shape [N, C] or [N, C, L], got " + Shapes.str(s));
        int c = s[1];
        int[] dims = s.length == 2 ? new int[] {0} : new int[] {0, 2};
        int[] channelShape = s.length == 2 ? new int[] {1, c} : new int[] {1, c, 1};
        for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias})
            if (t != null && !Arrays.equals(t.shape(), new int[] {c}))
                throw new ShapeMismatchException("batchNorm: per-channel tensors must have shape [" + c + "], got " + Shapes.str(t.shape())
                        + " for input " + Shapes.str(s));
        Tensor normalized;
        if (training || runningMean == null || runningVar == null) {
            int count = s[0] * (s.length == 3 ? s[2] : 1);
            if (training && count <= 1)
                throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got input shape "
                        + Shapes.str(s) + "; use a batch larger than 1 or call eval()");
            Tensor mean = x.mean(dims, true);
            Tensor var = x.var(dims, 0, true);
            normalized = x.sub(mean).div(var.add((float) eps).sqrt());
            if (training && runningMean != null && runningVar != null) {
                try (var ignored = NoGrad.enter()) {
                    float[] rm = runningMean.data(), rv = runningVar.data(), bm = mean.data(), bv = var.data();
                    double unbias = count / (double) (count - 1);
                    for (int i = 0; i < c; i++) {
                        rm[i] = (float) ((1 - momentum) * rm[i] + momentum * bm[i]);
                        rv[i] = (float) ((1 - momentum) * rv[i] + momentum * bv[i] * unbias);
                    }
                }
            }
        } else {
            Tensor mean = runningMean.detach().reshape(channelShape);
            Tensor std = runningVar.detach().add((float) eps).sqrt().reshape(channelShape);
            normalized = x.sub(mean).div(std);
        }
        if (weight != null) normalized = normalized.mul(weight.reshape(channelShape));
        if (bias != null) normalized = normalized.add(bias.reshape(channelShape));
        return normalized;
    }

    /**
     * Layer normalization over the trailing dims given by {@code normalizedShape} (biased variance), then
     * the elementwise affine transform if weight/bias (of shape normalizedShape) are given.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int[] s = x.shape();
        int k = normalizedShape.length;
        if (k == 0 || k > s.length || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape))
            throw new ShapeMismatchException("layerNorm: input shape " + Shapes.str(s) + " does not end in normalized shape " + Shapes.str(normalizedShape));
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = s.length - k + i;
        Tensor mean = x.mean(dims, true);
        Tensor var = x.var(dims, 0, true);
        Tensor y = x.sub(mean).div(var.add((float) eps).sqrt());
        if (weight != null) y = y.mul(weight);
        if (bias != null) y = y.add(bias);
        return y;
    }

    // ---------------------------------------------------------------- embedding

    /** Rows of {@code weight} [num, dim] picked by whole-number indices of any shape S; result S + [dim]. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        if (weight.dim() != 2) throw new ShapeMismatchException("embedding: weight must be 2-D [num_embeddings, embedding_dim], got " + Shapes.str(weight.shape()));
        float[] idx = indices.data();
        int num = weight.size(0);
        for (int i = 0; i < idx.length; i++)
            if (idx[i] != Math.rint(idx[i]) || idx[i] < 0 || idx[i] >= num)
                throw new IndexOutOfBoundsException("embedding: index " + idx[i] + " at position " + i + " is not a whole number in [0, " + num
                        + "); the table has num_embeddings=" + num);
        int[] is = indices.shape(), os = Arrays.copyOf(is, is.length + 1);
        os[is.length] = weight.size(1);
        return weight.indexSelect(0, indices.detach().reshape(-1)).reshape(os);
    }
}

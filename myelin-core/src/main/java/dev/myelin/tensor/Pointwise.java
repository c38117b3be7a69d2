package dev.myelin.tensor;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.Parallel;
import dev.myelin.kernel.VectorOps;
import java.util.Arrays;

/**
 * Elementwise ops with broadcasting. Each op computes its output and, right below, records how the
 * gradient flows back to each input; a broadcast input receives the gradient summed over the dims it
 * was stretched along ({@link Reductions#sumTo}).
 */
final class Pointwise {
    private Pointwise() {}

    /**
     * Elements per thread below which a memory-bound pass (ReLU) stays on one thread: the activations of a
     * convolution (128 x 32 x 28 x 28 = 3.2 M) are split, an MLP's (128 x 256) are not.
     */
    static final int MIN_SPLIT = 1 << 16;

    /** The inner loop of a binary op over one run: a and b advance by their strides (0 = broadcast, 1 = contiguous). */
    @FunctionalInterface
    interface Run {
        void apply(float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n);
    }

    /** A SIMD kernel for runs where both operands are contiguous (see {@link VectorOps}). */
    @FunctionalInterface
    interface ContiguousRun {
        void apply(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);
    }

    // ---------------------------------------------------------------- binary, differentiable

    static Tensor add(Tensor a, Tensor b) {
        Tensor out = binary("add", a, b, VectorOps::add, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] + y[yo + i * ys];
        });
        return Engine.recordShapeOnly(
                out,
                "AddBackward",
                g -> {
                    if (b.requiresGrad()) b.accumulateGrad(Reductions.sumTo(g, b.shape()));
                    if (!a.requiresGrad()) return;
                    // a takes g's own array when the engine frees g after this step and nothing broadcast (a
                    // residual connection's add): one copy of g fewer; b has read g already
                    float[] own = !NoGrad.isGradEnabled() && Arrays.equals(a.shape(), g.shape())
                            ? Engine.reusableGradient(g)
                            : null;
                    if (own != null) a.accumulateNewGrad(own);
                    else a.accumulateGrad(Reductions.sumTo(g, a.shape()));
                },
                a,
                b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        Tensor out = binary("sub", a, b, VectorOps::sub, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] - y[yo + i * ys];
        });
        return Engine.recordShapeOnly(
                out,
                "SubBackward",
                g -> {
                    if (a.requiresGrad()) a.accumulateGrad(Reductions.sumTo(g, a.shape()));
                    if (b.requiresGrad()) b.accumulateGrad(Reductions.sumTo(g.neg(), b.shape()));
                },
                a,
                b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binary("mul", a, b, VectorOps::mul, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] * y[yo + i * ys];
        });
        return Engine.recordSaving(
                out,
                "MulBackward",
                g -> { // reads a and b, not out (so out may be written in place)
                    if (a.requiresGrad()) a.accumulateGrad(Reductions.sumTo(g.mul(b), a.shape()));
                    if (b.requiresGrad()) b.accumulateGrad(Reductions.sumTo(g.mul(a), b.shape()));
                },
                new Tensor[] {a, b},
                a,
                b);
    }

    static Tensor div(Tensor a, Tensor b) {
        Tensor out = binary("div", a, b, VectorOps::div, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] / y[yo + i * ys];
        });
        return Engine.record(
                out,
                "DivBackward",
                g -> {
                    // d(a/b)/da = 1/b ; d(a/b)/db = -a/b² = -out/b
                    if (a.requiresGrad()) a.accumulateGrad(Reductions.sumTo(g.div(b), a.shape()));
                    if (b.requiresGrad())
                        b.accumulateGrad(Reductions.sumTo(g.mul(out).div(b).neg(), b.shape()));
                },
                a,
                b);
    }

    static Tensor pow(Tensor a, Tensor b) {
        Tensor out = binary("pow", a, b, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = (float) Math.pow(x[xo + i * xs], y[yo + i * ys]);
        });
        return Engine.record(
                out,
                "PowBackward",
                g -> {
                    // d(a^b)/da = b·a^(b-1) ; d(a^b)/db = a^b·ln a
                    if (a.requiresGrad())
                        a.accumulateGrad(Reductions.sumTo(g.mul(b).mul(a.pow(b.sub(1f))), a.shape()));
                    if (b.requiresGrad())
                        b.accumulateGrad(Reductions.sumTo(g.mul(out).mul(a.log()), b.shape()));
                },
                a,
                b);
    }

    static Tensor maximum(Tensor a, Tensor b) {
        Tensor out = binary("maximum", a, b, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = Math.max(x[xo + i * xs], y[yo + i * ys]);
        });
        return Engine.record(
                out,
                "MaximumBackward",
                g -> routeByMask(g, a, b, tieSplit(a.detach().gt(b.detach()), a, b)),
                a,
                b);
    }

    static Tensor minimum(Tensor a, Tensor b) {
        Tensor out = binary("minimum", a, b, (x, xo, xs, y, yo, ys, o, oo, n) -> {
            for (int i = 0; i < n; i++) o[oo + i] = Math.min(x[xo + i * xs], y[yo + i * ys]);
        });
        return Engine.record(
                out,
                "MinimumBackward",
                g -> routeByMask(g, a, b, tieSplit(a.detach().lt(b.detach()), a, b)),
                a,
                b);
    }

    /** a's share of the gradient of maximum/minimum: 1 where a wins, ½ at a tie (as PyTorch), 0 where b wins. */
    private static Tensor tieSplit(Tensor aWins, Tensor a, Tensor b) {
        return aWins.add(a.detach().eq(b.detach()).mul(0.5f));
    }

    /** Gradient of maximum/minimum: a gets g·maskA, b gets g·(1 − maskA). */
    private static void routeByMask(Tensor g, Tensor a, Tensor b, Tensor maskA) {
        if (a.requiresGrad()) a.accumulateGrad(Reductions.sumTo(g.mul(maskA), a.shape()));
        if (b.requiresGrad()) b.accumulateGrad(Reductions.sumTo(g.mul(maskA.rsub(1f)), b.shape()));
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape(), a.shape()), b.shape());
        Tensor c = cond.detach().expand(shape);
        float[] cd = c.toArray(),
                x = a.detach().expand(shape).toArray(),
                y = b.detach().expand(shape).toArray();
        float[] o = new float[cd.length];
        for (int i = 0; i < o.length; i++) o[i] = cd[i] != 0 ? x[i] : y[i];
        Tensor out = new Tensor(o, shape);
        return Engine.record(
                out,
                "WhereBackward",
                g -> {
                    Tensor mask = c.ne(Tensor.scalar(0));
                    if (a.requiresGrad()) a.accumulateGrad(Reductions.sumTo(g.mul(mask), a.shape()));
                    if (b.requiresGrad()) b.accumulateGrad(Reductions.sumTo(g.mul(mask.rsub(1f)), b.shape()));
                },
                a,
                b);
    }

    // ---------------------------------------------------------------- comparisons (not differentiable)

    static Tensor compare(String op, Tensor a, Tensor b) {
        Run run = switch (op) {
            case "gt" ->
                (x, xo, xs, y, yo, ys, o, oo, n) -> {
                    for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] > y[yo + i * ys] ? 1 : 0;
                };
            case "ge" ->
                (x, xo, xs, y, yo, ys, o, oo, n) -> {
                    for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] >= y[yo + i * ys] ? 1 : 0;
                };
            case "lt" ->
                (x, xo, xs, y, yo, ys, o, oo, n) -> {
                    for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] < y[yo + i * ys] ? 1 : 0;
                };
            case "le" ->
                (x, xo, xs, y, yo, ys, o, oo, n) -> {
                    for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] <= y[yo + i * ys] ? 1 : 0;
                };
            case "eq" ->
                (x, xo, xs, y, yo, ys, o, oo, n) -> {
                    for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] == y[yo + i * ys] ? 1 : 0;
                };
            case "ne" ->
                (x, xo, xs, y, yo, ys, o, oo, n) -> {
                    for (int i = 0; i < n; i++) o[oo + i] = x[xo + i * xs] != y[yo + i * ys] ? 1 : 0;
                };
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        };
        return binary(op, a, b, run);
    }

    // ---------------------------------------------------------------- scalar and unary

    static Tensor addScalar(Tensor a, float s) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = x[i] + s;
        return Engine.recordShapeOnly(new Tensor(o, a.shape()), "AddScalarBackward", a::accumulateGrad, a);
    }

    static Tensor mulScalar(Tensor a, float s) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = x[i] * s;
        return Engine.recordShapeOnly(
                new Tensor(o, a.shape()), "MulScalarBackward", g -> a.accumulateGrad(g.mul(s)), a);
    }

    static Tensor powScalar(Tensor a, float p) {
        float[] x = a.values(), o = new float[x.length];
        if (p == 2) for (int i = 0; i < o.length; i++) o[i] = x[i] * x[i];
        else for (int i = 0; i < o.length; i++) o[i] = (float) Math.pow(x[i], p);
        return Engine.record(
                new Tensor(o, a.shape()),
                "PowScalarBackward",
                g -> a.accumulateGrad(g.mul(a.pow(p - 1)).mul(p)),
                a);
    }

    static Tensor neg(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = -x[i];
        return Engine.recordShapeOnly(new Tensor(o, a.shape()), "NegBackward", g -> a.accumulateGrad(g.neg()), a);
    }

    static Tensor abs(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = Math.abs(x[i]);
        return Engine.record(
                new Tensor(o, a.shape()),
                "AbsBackward",
                g -> {
                    if (creatingGraph()) { // sign(x) is a constant of the gradient
                        a.accumulateGrad(g.mul(a.detach().gt(0f).sub(a.detach().lt(0f))));
                        return;
                    }
                    float[] gd = g.values(), gi = new float[gd.length];
                    for (int i = 0; i < gi.length; i++)
                        gi[i] = x[i] > 0 ? gd[i] : x[i] < 0 ? -gd[i] : 0; // sign(x), 0 at 0 as PyTorch
                    a.accumulateNewGrad(gi);
                },
                a);
    }

    static Tensor exp(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        VectorOps.exp(x, 0, o, 0, o.length);
        Tensor out = new Tensor(o, a.shape());
        return Engine.record(out, "ExpBackward", g -> a.accumulateGrad(g.mul(out)), a);
    }

    static Tensor log(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.log(x[i]);
        return Engine.record(new Tensor(o, a.shape()), "LogBackward", g -> a.accumulateGrad(g.div(a)), a);
    }

    static Tensor sqrt(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.sqrt(x[i]);
        Tensor out = new Tensor(o, a.shape());
        return Engine.record(
                out, "SqrtBackward", g -> a.accumulateGrad(g.div(out).mul(0.5f)), a);
    }

    static Tensor sin(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.sin(x[i]);
        return Engine.record(new Tensor(o, a.shape()), "SinBackward", g -> a.accumulateGrad(g.mul(a.cos())), a);
    }

    static Tensor cos(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = (float) Math.cos(x[i]);
        return Engine.record(
                new Tensor(o, a.shape()),
                "CosBackward",
                g -> a.accumulateGrad(g.mul(a.sin()).neg()),
                a);
    }

    static Tensor tanh(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        VectorOps.tanh(x, 0, o, 0, o.length);
        Tensor out = new Tensor(o, a.shape());
        return Engine.record(
                out,
                "TanhBackward",
                g -> {
                    if (creatingGraph()) {
                        a.accumulateGrad(g.mul(out.square().rsub(1f)));
                        return;
                    }
                    float[] gv = g.values(),
                            reused = Engine.reusableGradient(g),
                            gi = reused != null ? reused : new float[o.length];
                    VectorOps.tanhBackward(o, 0, gv, 0, gi, 0, gi.length); // g·(1 − tanh²)
                    a.accumulateNewGrad(gi);
                },
                a);
    }

    static Tensor sigmoid(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        VectorOps.sigmoid(x, 0, o, 0, o.length);
        Tensor out = new Tensor(o, a.shape());
        return Engine.record(
                out,
                "SigmoidBackward",
                g -> {
                    if (creatingGraph()) {
                        a.accumulateGrad(g.mul(out.mul(out.rsub(1f))));
                        return;
                    }
                    float[] gv = g.values(),
                            reused = Engine.reusableGradient(g),
                            gi = reused != null ? reused : new float[o.length];
                    VectorOps.sigmoidBackward(o, 0, gv, 0, gi, 0, gi.length); // g·σ(1 − σ)
                    a.accumulateNewGrad(gi);
                },
                a);
    }

    static Tensor relu(Tensor a) {
        float[] x = a.values(), o = new float[x.length];
        Parallel.forRange(o.length, MIN_SPLIT, (i, j) -> VectorOps.relu(x, i, o, i, j - i));
        Tensor out = new Tensor(o, a.shape());
        return Engine.record(out, "ReluBackward", reluBackward(a, out), a);
    }

    /**
     * {@code relu_}, as {@code nn.ReLU(inplace=True)}: max(0, x) written over a's storage, so no new activation is
     * allocated. Under autograd the result is a new tensor on that storage, recorded with ReLU's backward (the mask
     * read from the result: where it is positive, so was a), and a is marked overwritten: an op recorded on it
     * afterwards fails, since its gradient would bypass the ReLU. The storage's version moves on, so an op that
     * saved a before fails at backward, as in PyTorch.
     */
    static Tensor reluInPlace(Tensor a) {
        boolean record = NoGrad.isGradEnabled() && a.requiresGrad();
        if (record && a.isLeaf())
            throw new IllegalStateException(
                    "relu_: a leaf tensor that requires grad cannot be modified in place; use relu()");
        if (!a.isCompact()) {
            if (record)
                throw new IllegalStateException("relu_: the tensor is a view (shape " + Shapes.str(a.shape())
                        + "); under autograd only a compact tensor is written in place; use relu()");
            return InPlace.unary("relu_", a, v -> Math.max(v, 0f));
        }
        float[] x = a.data();
        Parallel.forRange(x.length, MIN_SPLIT, (i, j) -> VectorOps.relu(x, i, x, i, j - i));
        a.bumpVersion();
        if (!record) return a;
        Tensor out = a.alias();
        Engine.record(out, "ReluBackward", reluBackward(a, out), a);
        a.markOverwritten("relu_");
        return out;
    }

    /** g where out > 0 (out = relu(a), so where a > 0): in place over g when the engine frees g after the step. */
    private static dev.myelin.autograd.Backward reluBackward(Tensor a, Tensor out) {
        return g -> {
            if (creatingGraph()) {
                a.accumulateGrad(g.mul(out.detach().gt(0f)));
                return;
            }
            float[] y = out.values(), gv = g.values(), reused = Engine.reusableGradient(g);
            float[] gi = reused != null ? reused : new float[y.length];
            Parallel.forRange(gi.length, MIN_SPLIT, (i, j) -> VectorOps.reluBackward(y, i, gv, i, gi, i, j - i));
            a.accumulateNewGrad(gi);
        };
    }

    static Tensor clamp(Tensor a, float min, float max) {
        if (Float.isNaN(min) || Float.isNaN(max) || min > max)
            throw new IllegalArgumentException("clamp: need min <= max, got min=" + min + " max=" + max);
        float[] x = a.values(), o = new float[x.length];
        for (int i = 0; i < o.length; i++) o[i] = Math.min(Math.max(x[i], min), max);
        return Engine.record(
                new Tensor(o, a.shape()),
                "ClampBackward",
                g -> {
                    if (creatingGraph()) {
                        a.accumulateGrad(g.mul(a.detach().ge(min).mul(a.detach().le(max))));
                        return;
                    }
                    float[] gd = g.values(), gi = new float[gd.length];
                    for (int i = 0; i < gi.length; i++) gi[i] = x[i] >= min && x[i] <= max ? gd[i] : 0;
                    a.accumulateNewGrad(gi);
                },
                a);
    }

    /**
     * True inside a backward that builds a graph of the gradients (grad mode is on there): the backward
     * steps then use tensor ops, which record, instead of their fused array loops.
     */
    static boolean creatingGraph() {
        return NoGrad.isGradEnabled();
    }

    // ---------------------------------------------------------------- broadcasting driver

    /** Applies {@code run} over the broadcast shape of a and b, one contiguous run of the last dim at a time. */
    static Tensor binary(String op, Tensor a, Tensor b, Run run) {
        return binary(op, a, b, null, run);
    }

    /** As above, with a SIMD kernel used for every run in which both operands are contiguous. */
    static Tensor binary(String op, Tensor a, Tensor b, ContiguousRun simd, Run run) {
        if (simd != null) {
            Run scalar = run;
            run = (x, xo, xs, y, yo, ys, o, oo, n) -> {
                if (xs == 1 && ys == 1) simd.apply(x, xo, y, yo, o, oo, n);
                else scalar.apply(x, xo, xs, y, yo, ys, o, oo, n);
            };
        }
        int[] as = a.shape(), bs = b.shape();
        float[] x = a.storageArray(), y = b.storageArray();
        int ao = a.storageOffset(), bo = b.storageOffset();
        boolean ac = a.isContiguous(), bc = b.isContiguous();
        if (Arrays.equals(as, bs) && ac && bc) {
            float[] o = new float[a.numel()];
            run.apply(x, ao, 1, y, bo, 1, o, 0, o.length);
            return new Tensor(o, as);
        }
        int[] shape = Shapes.broadcast(op, as, bs);
        float[] o = new float[Shapes.numel(shape)];
        if (o.length == 0) return new Tensor(o, shape);
        if (b.numel() == 1 && ac && a.numel() == o.length) {
            run.apply(x, ao, 1, y, bo, 0, o, 0, o.length);
            return new Tensor(o, shape);
        }
        if (a.numel() == 1 && bc && b.numel() == o.length) {
            run.apply(x, ao, 0, y, bo, 1, o, 0, o.length);
            return new Tensor(o, shape);
        }
        int rank = shape.length;
        int[] sa = Shapes.expandStrides(as, a.stride(), shape), sb = Shapes.expandStrides(bs, b.stride(), shape);
        int inner = rank == 0 ? 1 : shape[rank - 1];
        int ia = rank == 0 ? 0 : sa[rank - 1], ib = rank == 0 ? 0 : sb[rank - 1];
        int[] idx = new int[Math.max(rank - 1, 0)];
        int runs = o.length / inner;
        int offA = ao, offB = bo;
        for (int r = 0; r < runs; r++) {
            run.apply(x, offA, ia, y, offB, ib, o, r * inner, inner);
            // odometer over the outer dims, updating the input offsets incrementally
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                offA += sa[d];
                offB += sb[d];
                if (idx[d] < shape[d]) break;
                offA -= sa[d] * shape[d];
                offB -= sb[d] * shape[d];
                idx[d] = 0;
            }
        }
        return new Tensor(o, shape);
    }
}

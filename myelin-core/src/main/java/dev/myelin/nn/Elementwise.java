package dev.myelin.nn;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * An elementwise function y = f(x) with its derivative written twice: in double on raw arrays (the fast
 * path, taken when backward runs under {@link NoGrad}, the normal case) and as tensor ops (taken when
 * backward runs with grad mode on, so that the gradient g·f'(x) records a graph of its own and can be
 * differentiated again, as for gradient penalties). The two must agree; the tests check they do.
 */
final class Elementwise {
    private final String op;
    private final DoubleUnaryOperator f, df;
    private final UnaryOperator<Tensor> derivative;

    /**
     * @param op         the backward node's name, e.g. "SiluBackward"
     * @param f          the function, in double
     * @param df         its derivative, in double, with PyTorch's choice at the kinks
     * @param derivative the same derivative as differentiable tensor ops of x
     */
    Elementwise(String op, DoubleUnaryOperator f, DoubleUnaryOperator df, UnaryOperator<Tensor> derivative) {
        this.op = op;
        this.f = f;
        this.df = df;
        this.derivative = derivative;
    }

    Tensor apply(Tensor x) {
        float[] xd = x.values(), o = new float[xd.length];
        for (int i = 0; i < o.length; i++) o[i] = (float) f.applyAsDouble(xd[i]);
        return Engine.record(
                new Tensor(o, x.shape()),
                op,
                g -> {
                    Tensor gx = gradient(g, x);
                    if (NoGrad.isGradEnabled()) x.accumulateGrad(gx);
                    else x.accumulateNewGrad(gx.data()); // a fresh array: becomes .grad without a copy
                },
                x);
    }

    /** g·f'(x): on raw arrays under NoGrad, else through tensor ops that record their own graph. */
    Tensor gradient(Tensor g, Tensor x) {
        if (NoGrad.isGradEnabled()) return g.mul(derivative.apply(x));
        float[] xd = x.values(), gd = g.values(), gi = new float[gd.length];
        for (int i = 0; i < gi.length; i++) gi[i] = (float) (gd[i] * df.applyAsDouble(xd[i]));
        return new Tensor(gi, x.shape());
    }

    /** f'(x) as tensor ops (for tests and for derivatives built from other elementwise functions). */
    Tensor derivative(Tensor x) {
        return derivative.apply(x);
    }
}

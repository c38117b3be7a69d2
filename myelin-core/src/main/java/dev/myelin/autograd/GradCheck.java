package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Compares autograd gradients with central finite differences. The function's output is projected
 * onto a fixed random direction r (so any output shape is checked through one scalar Σ rᵢ·outᵢ),
 * and the projections and differences are computed in double precision; the ops themselves run in
 * float32, so the step is large enough (1e-3 relative) for float rounding to stay far below tolerance.
 */
public final class GradCheck {
    private GradCheck() {}

    /**
     * The worst mismatch found, or none.
     *
     * @param ok whether every gradient element is within tolerance
     * @param message where the worst element is (input, shape, element, analytic and numeric values), or
     *     "all gradients match"
     * @param maxError the absolute error of the worst element (worst relative to its tolerance)
     */
    public record Result(boolean ok, String message, double maxError) {}

    /**
     * Checks {@code f}'s gradients with a step of 1e-3, rtol 2e-2 and atol 2e-3 (float32 ops).
     *
     * @param f the function to check, built from tensor ops on its inputs
     * @param inputs the point to check at; set to require grad, and their gradients reset
     * @return the worst mismatch
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, 1e-3, 2e-2, 2e-3, inputs);
    }

    /**
     * Checks {@code f}'s gradients against central differences: an element passes when
     * {@code |numeric - analytic| <= atol + rtol * |numeric|}, as {@code torch.autograd.gradcheck}.
     *
     * @param f the function to check, built from tensor ops on its inputs
     * @param eps the step, relative to {@code max(1, |x|)}
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @param inputs the point to check at; set to require grad, and their gradients reset
     * @return the worst mismatch
     */
    public static Result check(Function<Tensor[], Tensor> f, double eps, double rtol, double atol, Tensor... inputs) {
        for (Tensor in : inputs) {
            in.requiresGrad(true);
            in.zeroGrad();
        }
        Tensor out = f.apply(inputs);
        double[] r = new double[out.numel()];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int i = 0; i < r.length; i++) r[i] = rnd.nextDouble(-1, 1);
        float[] rf = new float[r.length];
        for (int i = 0; i < r.length; i++) rf[i] = (float) r[i];
        out.backward(new Tensor(rf, out.shape()));

        double worstRatio = 0, worstError = 0;
        String worstMsg = "all gradients match";
        for (int t = 0; t < inputs.length; t++) {
            Tensor in = inputs[t];
            float[] x = in.data();
            float[] analytic =
                    in.grad() == null ? new float[x.length] : in.grad().data();
            for (int i = 0; i < x.length; i++) {
                float orig = x[i];
                float h = (float) (eps * Math.max(1, Math.abs(orig)));
                double plus, minus;
                try (var ignored = NoGrad.enter()) {
                    x[i] = orig + h;
                    plus = project(f.apply(inputs), r);
                    x[i] = orig - h;
                    minus = project(f.apply(inputs), r);
                } finally {
                    x[i] = orig;
                }
                double numeric =
                        (plus - minus) / ((double) (orig + h) - (double) (orig - h)); // the step float could represent
                double err = Math.abs(numeric - analytic[i]);
                double ratio = err / (atol + rtol * Math.abs(numeric));
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worstError = err;
                    worstMsg = "input " + t + " " + Arrays.toString(in.shape()) + " element " + i + ": analytic "
                            + analytic[i] + " vs numeric " + numeric;
                }
            }
        }
        boolean ok = worstRatio <= 1;
        return new Result(ok, worstMsg, worstError);
    }

    private static double project(Tensor out, double[] r) {
        float[] d = out.toArray();
        double s = 0;
        for (int i = 0; i < d.length; i++) s += r[i] * d[i];
        return s;
    }
}

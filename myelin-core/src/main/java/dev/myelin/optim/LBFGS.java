package dev.myelin.optim;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Set;

/**
 * L-BFGS for any module's parameters, with {@code torch.optim.LBFGS}'s closure API: {@link #step(Closure)} calls
 * the closure (which clears the gradients, computes the loss and runs backward) as often as the line search needs,
 * up to {@code maxIter} iterations and {@code maxEval} evaluations per call, and returns the first loss.
 * <pre>
 * LBFGS opt = new LBFGS(model.parameters(), 1).maxIter(20);
 * opt.step(() -> { opt.zeroGrad(); Tensor loss = lossFn.forward(model.forward(x), y); loss.backward(); return loss; });
 * </pre>
 * The iterations are {@link LbfgsMinimizer}'s (the estimators' solver) on the parameters flattened to one
 * vector, always with a strong-Wolfe line search (torch's {@code line_search_fn="strong_wolfe"}). As in torch,
 * there is one parameter group. Differences: the curvature history is not carried from one {@code step} call to
 * the next (each call starts along the steepest descent), it is not part of the state dict, and
 * {@code toleranceChange} is relative to max(|f|, 1) (scipy's factr rule) rather than absolute.
 */
public final class LBFGS extends Optimizer {
    /** Computes the loss with gradients: clear them, forward, backward, return the loss (torch's closure). */
    @FunctionalInterface
    public interface Closure {
        /**
         * Evaluates the loss at the current parameters and leaves its gradients in them.
         *
         * @return the loss, a one-element tensor
         */
        Tensor evaluate();
    }

    private int maxIter = 20;
    private Integer maxEval;
    private double toleranceGrad = 1e-7;
    private double toleranceChange = 1e-9;
    private int historySize = 100;
    private LbfgsMinimizer.Result last;

    /**
     * L-BFGS with torch's defaults: maxIter 20, maxEval maxIter·5/4, toleranceGrad 1e-7, toleranceChange 1e-9,
     * historySize 100 (and always the strong-Wolfe line search).
     *
     * @param params the tensors to optimize, as one group ({@link #step(Closure)} refuses several groups)
     * @param lr     scales every trial step (torch's default 1), finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
    public LBFGS(List<?> params, double lr) {
        super("LBFGS", params, lr);
    }

    /**
     * Sets the most iterations one {@link #step(Closure)} runs (torch's {@code max_iter}, default 20).
     *
     * @param v {@code >= 1}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if {@code v < 1}
     */
    public LBFGS maxIter(int v) {
        maxIter = positive("maxIter", v);
        return this;
    }

    /**
     * Sets the most closure evaluations one {@link #step(Closure)} makes (torch's {@code max_eval}, default
     * maxIter·5/4).
     *
     * @param v {@code >= 1}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if {@code v < 1}
     */
    public LBFGS maxEval(int v) {
        maxEval = positive("maxEval", v);
        return this;
    }

    /**
     * Sets the first-order optimality tolerance: a step stops when the gradient's largest absolute entry is at
     * most this (torch's {@code tolerance_grad}, default 1e-7).
     *
     * @param v {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if negative or NaN
     */
    public LBFGS toleranceGrad(double v) {
        toleranceGrad = nonNegative("toleranceGrad", v);
        return this;
    }

    /**
     * Sets the tolerance on the change of the loss, relative to max(|f|, 1) (torch's {@code tolerance_change},
     * which is absolute; default 1e-9).
     *
     * @param v {@code >= 0}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if negative or NaN
     */
    public LBFGS toleranceChange(double v) {
        toleranceChange = nonNegative("toleranceChange", v);
        return this;
    }

    /**
     * Sets how many past updates approximate the inverse Hessian (torch's {@code history_size}, default 100).
     *
     * @param v {@code >= 1}
     * @return this optimizer, for chaining
     * @throws IllegalArgumentException if {@code v < 1}
     */
    public LBFGS historySize(int v) {
        historySize = positive("historySize", v);
        return this;
    }

    /**
     * Runs up to maxIter iterations from the current parameters, calling the closure as the line search needs,
     * and leaves the parameters at the best point found (torch's {@code step(closure)}).
     *
     * @param closure clears the gradients, computes the loss, runs backward and returns the loss
     * @return the loss at the parameters before the iterations (the closure's first value)
     * @throws IllegalArgumentException if the closure is null or returns anything but a one-element tensor, or the
     *     optimizer has more than one parameter group
     */
    public float step(Closure closure) {
        if (closure == null)
            throw new IllegalArgumentException(
                    "LBFGS.step: closure is null; L-BFGS re-evaluates the loss, so it needs one");
        for (ParamGroup g : paramGroups()) checkGroup(g);
        List<Tensor> ps = params();
        int n = 0;
        for (Tensor p : ps) n += p.numel();
        double[] x0 = new double[n];
        int off = 0;
        for (Tensor p : ps) {
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) x0[off + i] = d[i];
            off += d.length;
        }
        float[] first = {Float.NaN};
        LbfgsMinimizer.DifferentiableFunction f = (w, g) -> {
            write(ps, w);
            Tensor loss = closure.evaluate();
            if (loss == null || loss.numel() != 1)
                throw new IllegalArgumentException(
                        "LBFGS.step: the closure must return the loss as a one-element tensor, got "
                                + (loss == null ? "null" : java.util.Arrays.toString(loss.shape())));
            float v = loss.item();
            if (Float.isNaN(first[0])) first[0] = v;
            int o = 0;
            for (Tensor p : ps) {
                Tensor grad = p.grad();
                float[] gd = grad == null ? null : grad.values();
                for (int i = 0; i < p.numel(); i++) g[o + i] = gd == null ? 0 : gd[i];
                o += p.numel();
            }
            return v;
        };
        last = new LbfgsMinimizer()
                .lr(learningRate())
                .memory(historySize)
                .gtol(toleranceGrad)
                .ftol(toleranceChange)
                .maxIter(maxIter)
                .maxFun(maxEval != null ? maxEval : maxIter * 5 / 4)
                .minimize(f, x0, null);
        write(ps, last.x());
        return first[0];
    }

    /**
     * {@return the outcome of the last {@link #step(Closure)} (iterations, evaluations, why it stopped), or null
     * before the first}
     */
    public LbfgsMinimizer.Result lastResult() {
        return last;
    }

    private static void write(List<Tensor> ps, double[] w) {
        try (var ignored = NoGrad.enter()) {
            int o = 0;
            for (Tensor p : ps) {
                float[] d = p.data();
                for (int i = 0; i < d.length; i++) d[i] = (float) w[o + i];
                o += d.length;
                p.bumpVersion();
            }
        }
    }

    @Override
    protected void checkGroup(ParamGroup group) {
        if (paramGroups().size() != 1)
            throw new IllegalArgumentException("LBFGS doesn't support per-parameter options (parameter groups): it has "
                    + paramGroups().size());
    }

    @Override
    protected void update(float[] param, float[] grad, ParamState s, ParamGroup group) {
        throw new IllegalStateException(
                "LBFGS needs a closure that re-evaluates the loss: call step(closure), not step()");
    }

    @Override
    protected Set<String> bufferNames() {
        return Set.of();
    }

    private static int positive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException("LBFGS: " + what + " must be >= 1, got " + v);
        return v;
    }

    private static double nonNegative(String what, double v) {
        if (!(v >= 0)) throw new IllegalArgumentException("LBFGS: " + what + " must be >= 0, got " + v);
        return v;
    }
}

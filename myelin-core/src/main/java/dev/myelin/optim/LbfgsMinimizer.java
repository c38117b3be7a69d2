package dev.myelin.optim;

/**
 * Limited-memory BFGS minimizer on a flat double vector (Nocedal and Wright, Algorithm 7.4/7.5) with a
 * strong-Wolfe line search (Algorithms 3.5/3.6, cubic interpolation): the engine of {@link LBFGS} (any module's
 * parameters, through a closure) and of the multilayer perceptrons' {@code lbfgs} solver.
 *
 * <p>Stopping rules and defaults follow scipy's L-BFGS-B as scikit-learn calls it: memory 10, stop when the
 * largest gradient component is at most {@code gtol}, when the relative reduction of f is at most
 * {@code ftol = 2.22e-9}, after {@code maxIter} iterations or once more than {@code maxFun} function evaluations
 * were made. As in scipy's wrapper, the two limits are checked first, after each completed iteration (a line search
 * is never cut short, so {@code nFev} may exceed {@code maxFun}): an iteration that hits a limit reports status 1
 * even if it also met a convergence test. The line search uses scipy's constants c1 = 1e-3 (sufficient decrease) and c2 = 0.9 (curvature),
 * and starts the first iteration with step 1/‖g‖.
 */
public final class LbfgsMinimizer {

    /** f(x), writing ∇f(x) into grad. */
    @FunctionalInterface
    public interface DifferentiableFunction {
        /**
         * Evaluates the function and its gradient at one point.
         *
         * @param x    the point; must not be modified
         * @param grad receives ∇f(x), same length as {@code x}
         * @return f(x); a non-finite value makes the line search back off (at the start point it ends the run)
         */
        double valueAndGradient(double[] x, double[] grad);
    }

    /**
     * Outcome of a minimization; {@code status} 0 = converged, 1 = iteration or evaluation limit reached,
     * 2 = the line search could not make progress (typical at float32 precision near a minimum).
     *
     * @param x       the best point found (a new array)
     * @param fun     f at {@code x}
     * @param nIter   the number of iterations run
     * @param nFev    the number of function evaluations made
     * @param status  0 converged, 1 limit reached, 2 abnormal (as scipy's {@code OptimizeResult.status})
     * @param message scipy's message for the outcome, e.g. {@code "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH"}
     */
    public record Result(double[] x, double fun, int nIter, int nFev, int status, String message) {}

    private static final double C1 = 1e-3;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH_EVALS = 20;

    private int memory = 10;
    private double ftol = 2.2204460492503131e-09;
    private double gtol = 1e-5;
    private int maxIter = 15000;
    private int maxFun = 15000;
    private boolean verbose;
    private double lr = 1;

    /** A minimizer with scipy's L-BFGS-B defaults as listed above; change them with the fluent setters. */
    public LbfgsMinimizer() {}

    /**
     * Sets the number of correction pairs kept (scipy's {@code maxcor}, default 10).
     *
     * @param m {@code >= 1}
     * @return this minimizer, for chaining
     * @throws IllegalArgumentException if {@code m < 1}
     */
    public LbfgsMinimizer memory(int m) {
        if (m < 1) throw new IllegalArgumentException("memory must be >= 1, got " + m);
        this.memory = m;
        return this;
    }

    /**
     * Sets the relative reduction of f at or below which to stop: {@code (f_old − f) <= ftol·max(|f_old|, |f|, 1)}
     * (default 2.22e-9, as scipy's {@code factr·eps}). Not checked.
     *
     * @param v the tolerance
     * @return this minimizer, for chaining
     */
    public LbfgsMinimizer ftol(double v) {
        this.ftol = v;
        return this;
    }

    /**
     * Sets the largest absolute gradient component at or below which to stop (scipy's {@code pgtol}, default 1e-5;
     * scikit-learn passes its {@code tol}). Not checked.
     *
     * @param v the tolerance
     * @return this minimizer, for chaining
     */
    public LbfgsMinimizer gtol(double v) {
        this.gtol = v;
        return this;
    }

    /**
     * Sets the maximum number of iterations (default 15000, as scipy's {@code maxiter}).
     *
     * @param v {@code >= 1}
     * @return this minimizer, for chaining
     * @throws IllegalArgumentException if {@code v < 1}
     */
    public LbfgsMinimizer maxIter(int v) {
        if (v < 1) throw new IllegalArgumentException("maxIter must be >= 1, got " + v);
        this.maxIter = v;
        return this;
    }

    /**
     * Sets the number of function evaluations after which to stop (default 15000, scipy's {@code maxfun}).
     *
     * @param v {@code >= 1}
     * @return this minimizer, for chaining
     * @throws IllegalArgumentException if {@code v < 1}
     */
    public LbfgsMinimizer maxFun(int v) {
        if (v < 1) throw new IllegalArgumentException("maxFun must be >= 1, got " + v);
        this.maxFun = v;
        return this;
    }

    /**
     * Sets the scale of every trial step ({@code torch.optim.LBFGS}'s lr; default 1, scipy's unit step).
     *
     * @param v finite and {@code > 0}
     * @return this minimizer, for chaining
     * @throws IllegalArgumentException if out of range
     */
    public LbfgsMinimizer lr(double v) {
        if (!(v > 0 && Double.isFinite(v)))
            throw new IllegalArgumentException("lr must be positive and finite, got " + v);
        this.lr = v;
        return this;
    }

    /**
     * Sets whether to print f and the gradient's largest component to standard output after every iteration, as
     * scipy's {@code iprint} (default off).
     *
     * @param v whether to print
     * @return this minimizer, for chaining
     */
    public LbfgsMinimizer verbose(boolean v) {
        this.verbose = v;
        return this;
    }

    /**
     * Minimizes f from x0.
     *
     * @param f           the function and its gradient
     * @param x0          the starting point (not modified)
     * @param onIteration called with f after each iteration, or null
     * @return the best point found, f there, the counts and why it stopped
     */
    public Result minimize(DifferentiableFunction f, double[] x0, java.util.function.DoubleConsumer onIteration) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        int nFev = 1;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, 0, nFev, 2, "ABNORMAL: objective is not finite at the starting point");
        }
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alphaBuf = new double[memory];
        int stored = 0;
        int head = 0; // index of the next slot to write
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        LineSearch ls = new LineSearch(n);
        if (maxAbs(g) <= gtol) {
            return new Result(x, fx, 0, nFev, 0, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
        }
        int iter = 0;
        while (true) {
            // Two-loop recursion: d = -H·g.
            for (int j = 0; j < n; j++) {
                d[j] = -g[j];
            }
            for (int c = 0; c < stored; c++) {
                int k = Math.floorMod(head - 1 - c, memory);
                alphaBuf[k] = rho[k] * dot(s[k], d);
                axpy(-alphaBuf[k], y[k], d);
            }
            if (stored > 0) {
                int k = Math.floorMod(head - 1, memory);
                double gamma = dot(s[k], y[k]) / dot(y[k], y[k]);
                for (int j = 0; j < n; j++) {
                    d[j] *= gamma;
                }
            }
            for (int c = stored - 1; c >= 0; c--) {
                int k = Math.floorMod(head - 1 - c, memory);
                double beta = rho[k] * dot(y[k], d);
                axpy(alphaBuf[k] - beta, s[k], d);
            }
            double dphi0 = dot(g, d);
            if (!(dphi0 < 0)) {
                // Not a descent direction (rounding): restart from steepest descent.
                stored = 0;
                for (int j = 0; j < n; j++) {
                    d[j] = -g[j];
                }
                dphi0 = dot(g, d);
            }
            // Without curvature information d = -g: start at step 1/‖g‖ as L-BFGS-B does; otherwise the unit step.
            double step = lr * (stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-dphi0)) : 1.0);
            double fNew = ls.search(f, x, fx, g, d, dphi0, step, xNew, gNew);
            nFev += ls.evals;
            if (Double.isNaN(fNew)) {
                if (stored > 0) {
                    stored = 0; // retry once along the steepest descent
                    continue;
                }
                return new Result(x, fx, iter, nFev, 2, "ABNORMAL_TERMINATION_IN_LNSRCH");
            }
            // Correction pair.
            double[] sk = s[head];
            double[] yk = y[head];
            for (int j = 0; j < n; j++) {
                sk[j] = xNew[j] - x[j];
                yk[j] = gNew[j] - g[j];
            }
            double sy = dot(sk, yk);
            if (sy > 2.2e-16 * dot(yk, yk)) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double fOld = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            iter++;
            if (onIteration != null) {
                onIteration.accept(fx);
            }
            double pg = maxAbs(g);
            if (verbose) {
                System.out.printf("At iterate %5d    f= %.5e    |proj g|= %.5e%n", iter, fx, pg);
            }
            // scipy's wrapper checks its limits when L-BFGS-B reports a new iterate, before the Fortran code
            // tests convergence: an iteration that reaches maxIter, or whose line search pushed the evaluations
            // past maxFun, stops with status 1 (and scikit-learn's ConvergenceWarning) even if it also converged.
            if (iter >= maxIter) {
                return new Result(x, fx, iter, nFev, 1, "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT");
            }
            if (nFev > maxFun) {
                return new Result(x, fx, iter, nFev, 1, "STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS LIMIT");
            }
            if (pg <= gtol) {
                return new Result(x, fx, iter, nFev, 0, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
            }
            if (fOld - fx <= ftol * Math.max(Math.max(Math.abs(fOld), Math.abs(fx)), 1.0)) {
                return new Result(x, fx, iter, nFev, 0, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH");
            }
        }
    }

    /** Strong-Wolfe line search along d from x; the accepted point is left in xOut/gOut. */
    private static final class LineSearch {
        final double[] bestX;
        final double[] bestG;
        int evals;

        LineSearch(int n) {
            bestX = new double[n];
            bestG = new double[n];
        }

        /** Returns f at the accepted point, or NaN if no acceptable point was found. */
        double search(
                DifferentiableFunction f,
                double[] x,
                double f0,
                double[] g0,
                double[] d,
                double dphi0,
                double step,
                double[] xOut,
                double[] gOut) {
            evals = 0;
            double bestF = Double.POSITIVE_INFINITY;
            double aPrev = 0;
            double fPrev = f0;
            double dPrev = dphi0;
            double a = step;
            double lo = 0, hi = 0, fLo = 0, fHi = 0, dLo = 0, dHi = 0;
            boolean zoom = false;
            while (evals < MAX_LINE_SEARCH_EVALS) {
                if (zoom) {
                    a = interpolate(lo, fLo, dLo, hi, fHi, dHi);
                }
                double fa = eval(f, x, d, a, xOut, gOut);
                double da = dot(gOut, d);
                boolean armijo = fa <= f0 + C1 * a * dphi0;
                if (armijo && fa < bestF) {
                    bestF = fa;
                    System.arraycopy(xOut, 0, bestX, 0, xOut.length);
                    System.arraycopy(gOut, 0, bestG, 0, gOut.length);
                }
                if (!zoom) {
                    if (!armijo || (evals > 1 && fa >= fPrev)) {
                        zoom = true;
                        lo = aPrev;
                        fLo = fPrev;
                        dLo = dPrev;
                        hi = a;
                        fHi = fa;
                        dHi = da;
                        continue;
                    }
                    if (Math.abs(da) <= -C2 * dphi0) {
                        return fa;
                    }
                    if (da >= 0) {
                        zoom = true;
                        lo = a;
                        fLo = fa;
                        dLo = da;
                        hi = aPrev;
                        fHi = fPrev;
                        dHi = dPrev;
                        continue;
                    }
                    aPrev = a;
                    fPrev = fa;
                    dPrev = da;
                    a = 2 * a; // still descending steeply: widen the bracket
                } else {
                    if (!armijo || fa >= fLo) {
                        hi = a;
                        fHi = fa;
                        dHi = da;
                    } else {
                        if (Math.abs(da) <= -C2 * dphi0) {
                            return fa;
                        }
                        if (da * (hi - lo) >= 0) {
                            hi = lo;
                            fHi = fLo;
                            dHi = dLo;
                        }
                        lo = a;
                        fLo = fa;
                        dLo = da;
                    }
                    if (Math.abs(hi - lo) <= 1e-12 * Math.max(1.0, Math.abs(lo))) {
                        break;
                    }
                }
            }
            if (bestF < f0) {
                System.arraycopy(bestX, 0, xOut, 0, xOut.length);
                System.arraycopy(bestG, 0, gOut, 0, gOut.length);
                return bestF;
            }
            return Double.NaN;
        }

        private double eval(DifferentiableFunction f, double[] x, double[] d, double a, double[] xOut, double[] gOut) {
            for (int j = 0; j < x.length; j++) {
                xOut[j] = x[j] + a * d[j];
            }
            evals++;
            double v = f.valueAndGradient(xOut, gOut);
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        }

        /** Minimizer of the cubic through (a, fa, da) and (b, fb, db), kept inside the inner 80% of [a, b]. */
        private static double interpolate(double a, double fa, double da, double b, double fb, double db) {
            double lo = Math.min(a, b);
            double hi = Math.max(a, b);
            double margin = 0.1 * (hi - lo);
            double t = Double.NaN;
            if (Double.isFinite(fb) && Double.isFinite(db)) {
                double d1 = da + db - 3 * (fa - fb) / (a - b);
                double disc = d1 * d1 - da * db;
                if (disc >= 0) {
                    double d2 = Math.signum(b - a) * Math.sqrt(disc);
                    t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
                }
            }
            if (!Double.isFinite(t) || t < lo + margin || t > hi - margin) {
                t = 0.5 * (lo + hi);
            }
            return t;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int j = 0; j < x.length; j++) {
            y[j] += alpha * x[j];
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}

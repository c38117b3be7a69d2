package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsMinimizerTest {
    @Test
    void minimizesRosenbrock() {
        LbfgsMinimizer.DifferentiableFunction rosen = (x, g) -> {
            double f = 0;
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < x.length - 1; i++) {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1 - x[i];
                f += 100 * a * a + b * b;
                g[i] += -400 * x[i] * a - 2 * b;
                g[i + 1] += 200 * a;
            }
            return f;
        };
        double[] x0 = {-1.2, 1, -1.2, 1, 0.5};
        LbfgsMinimizer.Result r = new LbfgsMinimizer().gtol(1e-8).maxIter(1000).minimize(rosen, x0, null);
        assertThat(r.status()).isZero();
        for (double v : r.x()) {
            assertThat(v).isCloseTo(1.0, within(1e-4));
        }
        assertThat(r.fun()).isLessThan(1e-8);
        assertThat(x0[0]).isEqualTo(-1.2); // input not modified
    }

    @Test
    void quadraticInFewIterationsAndLimits() {
        double[] d = {1, 10, 100};
        LbfgsMinimizer.DifferentiableFunction q = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * d[i] * (x[i] - i) * (x[i] - i);
                g[i] = d[i] * (x[i] - i);
            }
            return f;
        };
        LbfgsMinimizer.Result r = new LbfgsMinimizer().gtol(1e-9).minimize(q, new double[3], null);
        assertThat(r.nIter()).isLessThan(20);
        assertThat(r.x()[2]).isCloseTo(2.0, within(1e-8));
        LbfgsMinimizer.Result limited =
                new LbfgsMinimizer().gtol(0).ftol(0).maxIter(2).minimize(q, new double[3], null);
        assertThat(limited.status()).isEqualTo(1);
        assertThat(limited.nIter()).isEqualTo(2);
        assertThat(limited.message()).contains("ITERATIONS");
    }

    /**
     * As scipy's L-BFGS-B wrapper: the limits are checked when an iteration completes, before the convergence tests,
     * so an iteration that converges exactly at maxIter still stops on the limit (status 1, scikit-learn's
     * ConvergenceWarning), and a line search is finished even when it takes the evaluations past maxFun.
     */
    @Test
    void limitsAreCheckedBeforeConvergenceAsScipy() {
        double[] d = {1, 10, 100};
        LbfgsMinimizer.DifferentiableFunction q = (x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += 0.5 * d[i] * (x[i] - i) * (x[i] - i);
                g[i] = d[i] * (x[i] - i);
            }
            return f;
        };
        LbfgsMinimizer.Result free = new LbfgsMinimizer().gtol(1e-6).minimize(q, new double[3], null);
        assertThat(free.status()).isZero();
        LbfgsMinimizer.Result atLimit =
                new LbfgsMinimizer().gtol(1e-6).maxIter(free.nIter()).minimize(q, new double[3], null);
        assertThat(atLimit.status()).isEqualTo(1);
        assertThat(atLimit.message()).contains("ITERATIONS");
        assertThat(atLimit.x()).containsExactly(free.x()); // the same iterate: only the status differs
        LbfgsMinimizer.Result fun = new LbfgsMinimizer().gtol(1e-6).maxFun(1).minimize(q, new double[3], null);
        assertThat(fun.status()).isEqualTo(1);
        assertThat(fun.nIter()).isEqualTo(1); // the first iteration's line search ran to its end
        assertThat(fun.nFev()).isGreaterThan(1);
        assertThat(fun.message()).contains("EVALUATIONS");
    }
}

package dev.myelin.cli;

import dev.myelin.estimator.Perceptron;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The perceptron of the course (ŷ = 1 if wᵀx + b > 0, else 0; on a mistake, or a point on the line, w += y·x and
 * b += y with y = ±1: scikit-learn's rule) on AND, OR and XOR, for 100 epochs in order: it separates the first two
 * (the message names the first epoch without updates) and never XOR, because no line separates it.
 */
final class PerceptronDemo {
    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    private PerceptronDemo() {}

    static int run(PrintStream out) {
        boolean asExpected = true;
        asExpected &= learn(out, "AND", new int[] {0, 0, 0, 1}, true);
        asExpected &= learn(out, "OR", new int[] {0, 1, 1, 1}, true);
        asExpected &= learn(out, "XOR", new int[] {0, 1, 1, 0}, false);
        return asExpected ? 0 : 1;
    }

    private static boolean learn(PrintStream out, String name, int[] targets, boolean separable) {
        // tol(null): run all epochs, so that XOR visibly never gets one without mistakes.
        Perceptron p = new Perceptron().maxIter(100).tol(null).shuffle(false).randomState(0L);
        p.fit(INPUTS, targets);
        int[] predicted = p.predict(INPUTS);
        float[] w = p.coef()[0];
        out.printf(
                Locale.ROOT,
                "%-3s  w = (%.1f, %.1f), b = %.1f after %d epochs; predictions %d %d %d %d (targets %d %d %d %d)%n",
                name,
                w[0],
                w[1],
                p.intercept()[0],
                p.nIter(),
                predicted[0],
                predicted[1],
                predicted[2],
                predicted[3],
                targets[0],
                targets[1],
                targets[2],
                targets[3]);
        out.println("     " + p.convergenceMessage());
        return p.converged() == separable;
    }
}

package dev.myelin.estimator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.testing.Fixtures;
import java.util.Arrays;

/**
 * The data sets of scikit-learn 1.2's test_mlp.py and test_perceptron.py, exported once by
 * {@code src/test/python/sklearn_conformance.py} into {@code fixtures/sklearn_conformance.json}.
 */
final class SklearnData {
    private static final JsonNode DATA = Fixtures.load("sklearn_conformance");

    private SklearnData() {}

    static double[][] matrix(String name) {
        JsonNode a = node(name);
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) out[i] = Fixtures.doubles(a.get(i));
        return out;
    }

    static float[][] floats(String name) {
        double[][] d = matrix(name);
        float[][] out = new float[d.length][];
        for (int i = 0; i < d.length; i++) {
            out[i] = new float[d[i].length];
            for (int j = 0; j < d[i].length; j++) out[i][j] = (float) d[i][j];
        }
        return out;
    }

    static int[] labels(String name) {
        return Arrays.stream(Fixtures.doubles(node(name)))
                .mapToInt(v -> (int) v)
                .toArray();
    }

    static int[][] indicator(String name) {
        double[][] d = matrix(name);
        int[][] out = new int[d.length][];
        for (int i = 0; i < d.length; i++)
            out[i] = Arrays.stream(d[i]).mapToInt(v -> (int) v).toArray();
        return out;
    }

    static float[] vector(String name) {
        return Fixtures.floats(node(name));
    }

    static double[] doubles(String name) {
        return Fixtures.doubles(node(name));
    }

    static double number(String name) {
        return node(name).asDouble();
    }

    private static JsonNode node(String name) {
        JsonNode n = DATA.get(name);
        if (n == null) throw new IllegalStateException("sklearn_conformance.json has no " + name);
        return n;
    }

    /** Rows [from, to). */
    static float[][] rows(float[][] x, int from, int to) {
        return Arrays.copyOfRange(x, from, to);
    }

    static int[] rows(int[] y, int from, int to) {
        return Arrays.copyOfRange(y, from, to);
    }

    /** Labels as regression targets. */
    static float[] asTargets(int[] y) {
        float[] t = new float[y.length];
        for (int i = 0; i < y.length; i++) t[i] = y[i];
        return t;
    }
}

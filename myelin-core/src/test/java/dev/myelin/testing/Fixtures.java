package dev.myelin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reference values computed by the PyTorch / scikit-learn scripts in {@code src/test/python} and
 * committed as {@code src/test/resources/fixtures/NAME.json}. Tests read them here; they never run Python.
 */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** The whole fixture file {@code fixtures/NAME.json}. */
    public static JsonNode load(String name) {
        String path = "/fixtures/" + name + ".json";
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null)
                throw new IllegalStateException("fixture " + path + " is missing; run src/test/python/" + name + ".py");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    /** A tensor written by {@code fixtures.t(x)}: an object with "shape" and "data". */
    public static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape"), data = node.get("data");
        if (shape == null || data == null)
            throw new IllegalArgumentException("not a tensor fixture (needs shape and data): " + node);
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) s[i] = shape.get(i).asInt();
        return Tensor.fromArray(floats(data), s);
    }

    /** A JSON array of numbers as floats. */
    public static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) array.get(i).asDouble();
        return f;
    }

    /** A JSON array of numbers as doubles. */
    public static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) d[i] = array.get(i).asDouble();
        return d;
    }

    /** Asserts equal shapes and |actual − expected| ≤ atol + rtol·|expected| elementwise, naming the element and the whole actual tensor. */
    public static void assertClose(String what, Tensor actual, Tensor expected, double rtol, double atol) {
        org.assertj.core.api.Assertions.assertThat(actual.shape())
                .as(what + " shape")
                .containsExactly(expected.shape());
        float[] a = actual.toArray(), e = expected.toArray();
        for (int i = 0; i < a.length; i++)
            org.assertj.core.api.Assertions.assertThat(Math.abs((double) a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))
                    .as("%s element %d: %s vs torch %s (all: %s)", what, i, a[i], e[i], java.util.Arrays.toString(a))
                    .isTrue();
    }
}

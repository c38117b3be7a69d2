package dev.myelin.nn.conv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import java.util.function.Function;

/**
 * The (height, width) arguments of the 2-D pooling and resizing layers: JSON takes an integer (both sides)
 * or a two-element array, as PyTorch takes {@code 2} or {@code (2, 3)}; a square pair is written back as one
 * integer. Also the PyTorch-style repr of a pair.
 */
final class PoolArgs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PoolArgs() {}

    /** A required pair of integers ≥ min. */
    static <M extends Module> Arg<M, int[]> pair(String name, int min, Function<? super M, int[]> getter) {
        return Arg.of(name, true, null, (v, f) -> read(v, f, min), getter, PoolArgs::write);
    }

    /** A pair of integers ≥ min with a default. */
    static <M extends Module> Arg<M, int[]> pair(
            String name, int min, int defaultValue, Function<? super M, int[]> getter) {
        return Arg.of(
                name,
                false,
                new int[] {defaultValue, defaultValue},
                (v, f) -> read(v, f, min),
                getter,
                PoolArgs::write);
    }

    /** A pair of integers ≥ min that may be absent (PyTorch's None), left out of the JSON when null. */
    static <M extends Module> Arg<M, int[]> optionalPair(String name, int min, Function<? super M, int[]> getter) {
        return Arg.of(
                name,
                false,
                null,
                (v, f) -> read(v, f, min),
                getter,
                (int[] v, String f) -> v == null ? null : write(v, f));
    }

    private static int[] read(JsonNode v, String field, int min) {
        if (v.isInt() && v.intValue() >= min) return new int[] {v.intValue(), v.intValue()};
        if (v.isArray()
                && v.size() == 2
                && v.get(0).isInt()
                && v.get(1).isInt()
                && v.get(0).intValue() >= min
                && v.get(1).intValue() >= min)
            return new int[] {v.get(0).intValue(), v.get(1).intValue()};
        throw Arg.invalid(field, "must be an integer ≥ " + min + " or an array of two of them", v);
    }

    private static JsonNode write(int[] v, String field) {
        return v[0] == v[1]
                ? NODES.numberNode(v[0])
                : NODES.arrayNode().add(v[0]).add(v[1]);
    }

    /** A pair as PyTorch prints what it was given: {@code 2} for a square pair, else {@code (2, 3)}. */
    static String repr(int[] v) {
        return v[0] == v[1] ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
    }

    /** Checks a pair given to a constructor: two integers ≥ min; returns a copy. */
    static int[] checked(String layer, String name, int[] v, int min) {
        if (v == null || v.length != 2 || v[0] < min || v[1] < min)
            throw new IllegalArgumentException(layer + ": " + name + " must be two integers ≥ " + min + ", got "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        return v.clone();
    }
}

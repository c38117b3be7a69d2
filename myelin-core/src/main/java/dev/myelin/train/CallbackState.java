package dev.myelin.train;

import dev.myelin.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Callback} carries from one epoch to the next (a best score, a patience count, a schedule's
 * state, a snapshot of the best weights), saved in training checkpoints so that a resumed fit continues as if
 * it had never stopped. Numbers that must come back exactly go in {@code values} as text
 * ({@link Double#toString} round-trips); arrays go in {@code tensors}.
 */
public record CallbackState(Map<String, String> values, Map<String, Tensor> tensors) {
    /** The state of a callback that keeps nothing between epochs. */
    public static final CallbackState EMPTY = new CallbackState(Map.of(), Map.of());

    public CallbackState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        for (String k : values.keySet()) checkKey(k);
        for (String k : tensors.keySet()) checkKey(k);
    }

    private static void checkKey(String k) {
        if (k == null || k.isEmpty()) throw new IllegalArgumentException("CallbackState: a key is null or empty");
    }

    /** The value saved under {@code key}; a missing one is an IllegalArgumentException naming it. */
    public String value(String key) {
        String v = values.get(key);
        if (v == null)
            throw new IllegalArgumentException("callback state has no '" + key + "' (it has " + values.keySet() + ")");
        return v;
    }

    /** The number saved under {@code key}; a missing or malformed one is an IllegalArgumentException naming it. */
    public double number(String key) {
        try {
            return Double.parseDouble(value(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "callback state '" + key + "' is not a number: '" + values.get(key) + "'");
        }
    }

    /** The whole number saved under {@code key}, at least {@code min}. */
    public int count(String key, int min) {
        double v = number(key);
        if (!(v >= min && v <= Integer.MAX_VALUE && v == Math.rint(v)))
            throw new IllegalArgumentException(
                    "callback state '" + key + "' must be a whole number >= " + min + ", got " + values.get(key));
        return (int) v;
    }
}

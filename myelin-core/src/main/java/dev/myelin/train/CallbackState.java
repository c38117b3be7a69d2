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
 *
 * @param values numbers and names saved as text, by key (copied; keys not empty)
 * @param tensors arrays saved as tensors, by key (copied; keys not empty)
 */
public record CallbackState(Map<String, String> values, Map<String, Tensor> tensors) {
    /** The state of a callback that keeps nothing between epochs. */
    public static final CallbackState EMPTY = new CallbackState(Map.of(), Map.of());

    /**
     * Copies both maps, keeping their order.
     *
     * @param values numbers and names saved as text, by key
     * @param tensors arrays saved as tensors, by key
     * @throws IllegalArgumentException if a key is null or empty
     */
    public CallbackState {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        for (String k : values.keySet()) checkKey(k);
        for (String k : tensors.keySet()) checkKey(k);
    }

    private static void checkKey(String k) {
        if (k == null || k.isEmpty()) throw new IllegalArgumentException("CallbackState: a key is null or empty");
    }

    /**
     * Reads a saved text value.
     *
     * @param key the key it was saved under
     * @return the value saved under {@code key}
     * @throws IllegalArgumentException if there is none (the message names the key and the keys present)
     */
    public String value(String key) {
        String v = values.get(key);
        if (v == null)
            throw new IllegalArgumentException("callback state has no '" + key + "' (it has " + values.keySet() + ")");
        return v;
    }

    /**
     * Reads a saved number.
     *
     * @param key the key it was saved under
     * @return the number saved under {@code key}
     * @throws IllegalArgumentException if it is missing or not a number (the message names the key)
     */
    public double number(String key) {
        try {
            return Double.parseDouble(value(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "callback state '" + key + "' is not a number: '" + values.get(key) + "'");
        }
    }

    /**
     * Reads a saved count.
     *
     * @param key the key it was saved under
     * @param min the smallest valid value
     * @return the whole number saved under {@code key}
     * @throws IllegalArgumentException if it is missing, not a whole number, below {@code min} or beyond int
     */
    public int count(String key, int min) {
        double v = number(key);
        if (!(v >= min && v <= Integer.MAX_VALUE && v == Math.rint(v)))
            throw new IllegalArgumentException(
                    "callback state '" + key + "' must be a whole number >= " + min + ", got " + values.get(key));
        return (int) v;
    }
}

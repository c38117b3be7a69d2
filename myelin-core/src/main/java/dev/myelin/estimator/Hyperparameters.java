package dev.myelin.estimator;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimator's hyperparameter values, one per {@link Hyper} of its table: the setters, {@code getParams},
 * {@code setParams} and the estimator files all go through here, so a hyperparameter is declared once.
 */
final class Hyperparameters {
    private final String owner;
    private final List<Hyper<?>> table;
    private final Map<Hyper<?>, Object> values = new IdentityHashMap<>(); // by declaration: gets are cheap

    Hyperparameters(String owner, List<Hyper<?>> table) {
        this.owner = owner;
        this.table = table;
        for (Hyper<?> h : table) values.put(h, h.defaultValue());
    }

    @SuppressWarnings("unchecked")
    <T> T get(Hyper<T> h) {
        return (T) values.get(h);
    }

    <T> void set(Hyper<T> h, T v) {
        values.put(h, h.check(v));
    }

    /** name → shown value, in table order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Hyper<?> h : table) m.put(h.name(), show(h));
        return m;
    }

    private <T> Object show(Hyper<T> h) {
        return h.show().apply(get(h));
    }

    /**
     * Sets values by name, all or nothing: an unknown name, a value of the wrong type or one that breaks its rule
     * is an IllegalArgumentException naming the parameter, and leaves every value as it was.
     */
    void setAll(Map<String, ?> params) {
        Map<Hyper<?>, Object> next = new IdentityHashMap<>(values);
        for (Map.Entry<String, ?> e : params.entrySet()) {
            Hyper<?> h = table.stream()
                    .filter(t -> t.name().equals(e.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown parameter '" + e.getKey() + "' for "
                            + owner + "; valid parameters are " + toMap().keySet()));
            next.put(h, parse(h, e.getValue()));
        }
        values.putAll(next);
    }

    private <T> T parse(Hyper<T> h, Object v) {
        try {
            return h.check(h.parser().parse(v));
        } catch (Hyper.WrongType w) {
            throw new IllegalArgumentException(owner + ": parameter '" + h.name() + "' must be " + w.needed + ", got "
                    + (v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")"));
        }
    }
}

package dev.myelin.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One point of a {@link SearchSpace}: an immutable, ordered map from hyperparameter name to value (Integer,
 * Double, a categorical choice such as a String, or a derived List&lt;Integer&gt; such as hidden-layer sizes).
 * Inactive conditional dimensions are absent. {@link #toString()} is the configuration as a JSON object.
 */
public final class Config {
    private final Map<String, Object> values;

    /**
     * A configuration with these values, in the map's order (copied).
     *
     * @param values hyperparameter name → value
     */
    public Config(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The value of {@code name}; fails with the names present if it is absent (e.g. an inactive dimension).
     *
     * @param name a hyperparameter
     * @return its value
     */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null)
            throw new IllegalArgumentException("config has no hyperparameter '" + name
                    + "' (it is unknown or inactive); it has " + values.keySet());
        return v;
    }

    /**
     * Whether the configuration sets {@code name}.
     *
     * @param name a hyperparameter
     * @return true if present (not unknown, not inactive)
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The value of a numeric hyperparameter as an int.
     *
     * @param name a hyperparameter
     * @return its value, truncated to an int
     * @throws IllegalArgumentException if it is absent or not a number
     */
    public int getInt(String name) {
        return number(name).intValue();
    }

    /**
     * The value of a numeric hyperparameter as a double.
     *
     * @param name a hyperparameter
     * @return its value
     * @throws IllegalArgumentException if it is absent or not a number
     */
    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    /**
     * The value of a hyperparameter as text.
     *
     * @param name a hyperparameter
     * @return its value's {@code String.valueOf}
     * @throws IllegalArgumentException if it is absent
     */
    public String getString(String name) {
        return String.valueOf(get(name));
    }

    /**
     * A list-valued entry such as hidden-layer sizes.
     *
     * @param name a hyperparameter
     * @return its integers
     */
    public List<Integer> getIntList(String name) {
        Object v = get(name);
        if (!(v instanceof List<?> list))
            throw new IllegalArgumentException("hyperparameter '" + name + "' is " + v + ", not a list of integers");
        return list.stream().map(e -> ((Number) e).intValue()).toList();
    }

    private Number number(String name) {
        Object v = get(name);
        if (!(v instanceof Number n))
            throw new IllegalArgumentException("hyperparameter '" + name + "' is " + v + ", not a number");
        return n;
    }

    /** {@return the hyperparameter names, in order} */
    public Set<String> names() {
        return values.keySet();
    }

    /** {@return the values by name, in order (unmodifiable)} */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** The configuration as a JSON object, e.g. {@code {"lr":0.01,"solver":"sgd","hidden":[64,64]}}. */
    @Override
    public String toString() {
        return Json.write(values);
    }
}

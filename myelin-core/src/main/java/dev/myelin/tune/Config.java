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

    public Config(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code name}; fails with the names present if it is absent (e.g. an inactive dimension). */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null)
            throw new IllegalArgumentException("config has no hyperparameter '" + name
                    + "' (it is unknown or inactive); it has " + values.keySet());
        return v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int getInt(String name) {
        return number(name).intValue();
    }

    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    public String getString(String name) {
        return String.valueOf(get(name));
    }

    /** A list-valued entry such as hidden-layer sizes. */
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

    public Set<String> names() {
        return values.keySet();
    }

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

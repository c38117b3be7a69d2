package dev.myelin.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/** The validated argument values of one {@link ModuleSpec}, read by the module type's factory with {@link #get}. */
public final class Args {
    private final Map<Arg<?, ?>, Object> values;
    private final String path;

    Args(Map<Arg<?, ?>, Object> values, String path) {
        this.values = new LinkedHashMap<>(values);
        this.path = path;
    }

    /**
     * {@return the value of {@code arg}} Its default if the spec left it out; null only for an optional argument
     * without one.
     *
     * @param <T> the argument's value type
     * @param arg one of the module type's declared arguments
     * @throws IllegalArgumentException if {@code arg} is not an argument of this module type
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Arg<?, T> arg) {
        if (!values.containsKey(arg))
            throw new IllegalArgumentException("Args: '" + arg.name() + "' is not an argument of the module at " + path
                    + "; it has " + values.keySet());
        return (T) values.get(arg);
    }

    /** {@return where the spec sits in the architecture JSON, e.g. {@code $.layers[2]}} */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

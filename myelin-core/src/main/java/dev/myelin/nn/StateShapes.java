package dev.myelin.nn;

import dev.myelin.tensor.Shapes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shapes of a module's state dict (parameters and buffers, dotted names), computed from its
 * constructor arguments without allocating a tensor. Model files check them against the stored tensors
 * before building the module, so a file cannot make the loader allocate more than it holds.
 */
public final class StateShapes {
    /**
     * More tensors than this is a hostile or broken architecture, not a model (a 1,000-layer Transformer has about
     * 16,000): refused before the list grows with a count read from JSON, such as an LSTM's numLayers.
     */
    public static final int MAX_TENSORS = 100_000;

    /** An empty list of shapes, to which a module type adds its parameters and buffers. */
    public StateShapes() {}

    private final LinkedHashMap<String, int[]> shapes = new LinkedHashMap<>();

    /**
     * Adds the tensor {@code name} with {@code shape} (a 0-dim tensor has no sizes).
     *
     * @param name the tensor's name in the state dict, e.g. {@code "weight"}
     * @param shape its sizes
     * @return this
     * @throws IllegalArgumentException if a size is negative, the name was added before, or there would be more than
     *     {@link #MAX_TENSORS} tensors
     */
    public StateShapes add(String name, int... shape) {
        if (shapes.size() >= MAX_TENSORS)
            throw new IllegalArgumentException("StateShapes: more than " + MAX_TENSORS + " tensors (at '" + name
                    + "'); an architecture that large is refused");
        for (int d : shape)
            if (d < 0)
                throw new IllegalArgumentException(
                        "StateShapes: '" + name + "' has a negative size in " + Shapes.str(shape));
        if (shapes.putIfAbsent(name, shape.clone()) != null)
            throw new IllegalArgumentException("StateShapes: '" + name + "' added twice");
        return this;
    }

    /**
     * Adds the tensor only when {@code present} (e.g. an optional bias).
     *
     * @param present whether the tensor exists
     * @param name the tensor's name in the state dict, e.g. {@code "bias"}
     * @param shape its sizes
     * @return this
     * @throws IllegalArgumentException if present and a size is negative or the name was added before
     */
    public StateShapes addIf(boolean present, String name, int... shape) {
        return present ? add(name, shape) : this;
    }

    /**
     * Adds a submodule's shapes under {@code prefix.} (its registered name).
     *
     * @param prefix the submodule's name, e.g. {@code "0"} or {@code "encoder"}
     * @param child the submodule's shapes
     * @return this
     * @throws IllegalArgumentException if a resulting name was added before
     */
    public StateShapes addAll(String prefix, StateShapes child) {
        child.shapes.forEach((k, v) -> add(prefix + "." + k, v));
        return this;
    }

    /** {@return the shapes by name, in state-dict order; unmodifiable} */
    public Map<String, int[]> asMap() {
        return Collections.unmodifiableMap(shapes);
    }

    /** {@return the elements of the largest tensor, as a long (sizes from JSON may multiply past int)} */
    public long maxNumel() {
        long max = 0;
        for (int[] s : shapes.values()) max = Math.max(max, numel(s));
        return max;
    }

    /** {@return the elements of all tensors together, saturating at Long.MAX_VALUE} */
    public long totalNumel() {
        long total = 0;
        for (int[] s : shapes.values()) {
            long n = numel(s);
            total = total > Long.MAX_VALUE - n ? Long.MAX_VALUE : total + n;
        }
        return total;
    }

    /**
     * Fails unless every tensor fits in a tensor (2^31-1 elements) and all of them together fit in this JVM's
     * maximum heap, so an absurd size is a message, never an OutOfMemoryError; {@code what} names the source in it
     * (an architecture's path, a command-line flag).
     *
     * @param what the source named in the message, e.g. {@code "Architecture: $.layers[0] (Linear)"}
     * @throws IllegalArgumentException if a tensor or the total is too large
     */
    public void requireFits(String what) {
        for (var e : shapes.entrySet())
            if (numel(e.getValue()) > Integer.MAX_VALUE)
                throw new IllegalArgumentException(what + " needs tensor '" + e.getKey() + "' of shape "
                        + Shapes.str(e.getValue()) + ", more than the 2^31-1 elements a tensor can hold");
        long total = totalNumel();
        long bytes = total > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * total;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap)
            throw new IllegalArgumentException(what + " has " + total + " parameter and buffer values ("
                    + bytes / (1 << 20) + " MiB), more than this JVM's maximum heap of " + heap / (1 << 20) + " MiB");
    }

    /** Elements of one shape as a long, saturating at Long.MAX_VALUE. */
    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) return Long.MAX_VALUE;
            n *= d;
        }
        return n;
    }
}

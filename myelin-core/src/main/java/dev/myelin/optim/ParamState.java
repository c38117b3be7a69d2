package dev.myelin.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer remembers about one parameter: how many updates it has had and its named buffers
 * (moments, momentum, accumulators), each shaped like the parameter. PyTorch's {@code optimizer.state[p]}.
 */
public final class ParamState {
    private int step;
    private final int numel;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    ParamState(int numel) {
        this.numel = numel;
    }

    /** {@return the number of updates applied to this parameter so far} */
    public int step() {
        return step;
    }

    void setStep(int step) {
        this.step = step;
    }

    /**
     * A named buffer, created filled with zeros the first time it is asked for.
     *
     * @param name the buffer's name, e.g. {@code "exp_avg"} (PyTorch's)
     * @return the live buffer, one value per element of the parameter
     */
    public float[] buffer(String name) {
        return buffer(name, 0f);
    }

    /**
     * A named buffer, created filled with {@code initial} the first time it is asked for (Adagrad's
     * {@code initial_accumulator_value}).
     *
     * @param name    the buffer's name, e.g. {@code "sum"}
     * @param initial the value every element starts at
     * @return the live buffer, one value per element of the parameter
     */
    public float[] buffer(String name, float initial) {
        return buffers.computeIfAbsent(name, k -> {
            float[] b = new float[numel];
            if (initial != 0) Arrays.fill(b, initial);
            return b;
        });
    }

    /**
     * Whether a buffer exists yet (SGD starts its momentum buffer from the first gradient).
     *
     * @param name the buffer's name
     * @return true once it has been created or loaded
     */
    public boolean has(String name) {
        return buffers.containsKey(name);
    }

    void put(String name, float[] values) {
        buffers.put(name, values);
    }

    /** {@return the buffers by name, in creation order (a read-only view of the live arrays)} */
    public Map<String, float[]> buffers() {
        return Collections.unmodifiableMap(buffers);
    }
}

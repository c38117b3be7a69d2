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

    /** Number of updates applied to this parameter so far. */
    public int step() {
        return step;
    }

    void setStep(int step) {
        this.step = step;
    }

    /** The buffer called {@code name}, created filled with zeros the first time it is asked for. */
    public float[] buffer(String name) {
        return buffer(name, 0f);
    }

    /** The buffer called {@code name}, created filled with {@code initial} the first time it is asked for. */
    public float[] buffer(String name, float initial) {
        return buffers.computeIfAbsent(name, k -> {
            float[] b = new float[numel];
            if (initial != 0) Arrays.fill(b, initial);
            return b;
        });
    }

    /** True once a buffer of that name exists (SGD starts its momentum buffer from the first gradient). */
    public boolean has(String name) {
        return buffers.containsKey(name);
    }

    void put(String name, float[] values) {
        buffers.put(name, values);
    }

    /** The buffers by name, in creation order (read-only view). */
    public Map<String, float[]> buffers() {
        return Collections.unmodifiableMap(buffers);
    }
}

package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/** What a {@link Function}'s forward leaves for its backward, as PyTorch's {@code ctx}. */
public final class FunctionContext {
    private final boolean[] needsInputGrad;
    private Tensor[] saved = new Tensor[0];
    private final Map<String, Object> values = new HashMap<>();

    FunctionContext(boolean[] needsInputGrad) {
        this.needsInputGrad = needsInputGrad;
    }

    /**
     * Saves tensors backward will read, as {@code ctx.save_for_backward}; backward fails if any is modified in place
     * in between. A second call replaces the first.
     *
     * @param tensors the tensors to save (null entries allowed)
     */
    public void saveForBackward(Tensor... tensors) {
        saved = tensors.clone();
    }

    /** {@return the tensors given to {@link #saveForBackward}, as {@code ctx.saved_tensors} (a copy of the array)} */
    public Tensor[] savedTensors() {
        return saved.clone();
    }

    Tensor[] saved() {
        return saved;
    }

    /**
     * {@return whether input {@code i} needs a gradient, as {@code ctx.needs_input_grad[i]}} False for a null input,
     * one that does not require grad, or every input when grad mode is off.
     *
     * @param i the input's position in {@link Function#apply}'s arguments
     */
    public boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    /**
     * Keeps a non-tensor value for backward (as an attribute set on {@code ctx}); read it with {@link #get}.
     *
     * @param key the value's name
     * @param value the value (null allowed)
     */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    /**
     * {@return the value {@link #put} saved under {@code key}, cast to the caller's type}
     *
     * @param <T> the value's type
     * @param key the value's name
     * @throws IllegalArgumentException if nothing was saved under {@code key}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        if (!values.containsKey(key))
            throw new IllegalArgumentException("FunctionContext: nothing was saved under '" + key + "'");
        return (T) values.get(key);
    }
}

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

    /** Tensors backward will read; backward fails if any is modified in place in between. */
    public void saveForBackward(Tensor... tensors) {
        saved = tensors.clone();
    }

    public Tensor[] savedTensors() {
        return saved.clone();
    }

    Tensor[] saved() {
        return saved;
    }

    /** Whether input i needs a gradient, as {@code ctx.needs_input_grad[i]}. */
    public boolean needsInputGrad(int i) {
        return needsInputGrad[i];
    }

    /** Non-tensor values for backward (as attributes set on {@code ctx}). */
    public void put(String key, Object value) {
        values.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        if (!values.containsKey(key))
            throw new IllegalArgumentException("FunctionContext: nothing was saved under '" + key + "'");
        return (T) values.get(key);
    }
}

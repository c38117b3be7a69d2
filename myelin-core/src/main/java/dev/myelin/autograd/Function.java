package dev.myelin.autograd;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * A differentiable op written by a user, as {@code torch.autograd.Function}: {@link #forward} computes
 * the output from the inputs (not recorded) and saves what backward needs in the context;
 * {@link #backward} turns the output's gradient into one gradient per input (null where none is
 * needed, see {@link FunctionContext#needsInputGrad}). Saved tensors are version-checked, as the
 * built-in ops' are. Call it with {@link #apply}:
 * <pre>{@code
 * class ClippedIdentity extends Function {
 *     protected Tensor forward(FunctionContext ctx, Tensor... in) { return in[0].copy(); }
 *     protected Tensor[] backward(FunctionContext ctx, Tensor g) { return new Tensor[] {g.clamp(-1, 1)}; }
 * }
 * Tensor y = new ClippedIdentity().apply(x);
 * }</pre>
 * The backward runs in grad mode when the caller asked for {@code createGraph}, so a backward written
 * with tensor ops is itself differentiable.
 */
public abstract class Function {

    /** A function with no state of its own; subclasses keep settings in fields and call {@link #apply}. */
    public Function() {}

    /**
     * Computes the output; runs without recording. Save tensors for backward with
     * {@link FunctionContext#saveForBackward}.
     *
     * @param ctx the context shared with {@link #backward} for this call
     * @param inputs the tensors passed to {@link #apply}
     * @return the output, not null
     */
    protected abstract Tensor forward(FunctionContext ctx, Tensor... inputs);

    /**
     * The gradient for each input given the output's gradient; an entry may be null for an input that needs none.
     *
     * @param ctx the context {@link #forward} filled
     * @param gradOutput the gradient of the loss with respect to the output, shaped like it
     * @return one gradient per input, in the inputs' order, each shaped like its input (or null)
     */
    protected abstract Tensor[] backward(FunctionContext ctx, Tensor gradOutput);

    /** {@return the name shown as the output's grad_fn (the class name plus "Backward" by default)} */
    protected String name() {
        return getClass().getSimpleName() + "Backward";
    }

    /**
     * Runs {@link #forward} without recording and records its output with {@link #backward} as its grad_fn, as
     * {@code Function.apply} in PyTorch.
     *
     * @param inputs the op's inputs (null entries allowed)
     * @return the output, with a grad_fn when any input requires grad and grad mode is on
     * @throws IllegalStateException if forward returns null, or (during backward) backward returns the wrong number
     *     of gradients
     * @throws ShapeMismatchException (during backward) if a gradient's shape differs from its input's
     */
    public final Tensor apply(Tensor... inputs) {
        boolean[] needs = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++)
            needs[i] = inputs[i] != null && inputs[i].requiresGrad() && NoGrad.isGradEnabled();
        FunctionContext ctx = new FunctionContext(needs);
        Tensor out;
        try (var ignored = NoGrad.enter()) {
            out = forward(ctx, inputs);
        }
        if (out == null) throw new IllegalStateException(name() + ": forward returned null");
        for (Tensor in : inputs)
            if (out == in) out = out.detach(); // an output that is an input must still get its own grad_fn
        Tensor output = out;
        return Engine.recordSaving(
                output,
                name(),
                g -> {
                    Tensor[] grads = backward(ctx, g);
                    if (grads == null || grads.length != inputs.length)
                        throw new IllegalStateException(
                                name() + ": backward returned " + (grads == null ? "null" : grads.length + " gradients")
                                        + " for " + inputs.length + " inputs");
                    for (int i = 0; i < inputs.length; i++) {
                        if (grads[i] == null || inputs[i] == null || !inputs[i].requiresGrad()) continue;
                        if (!Arrays.equals(grads[i].shape(), inputs[i].shape()))
                            throw new ShapeMismatchException(name() + ": backward's gradient " + i + " has shape "
                                    + Arrays.toString(grads[i].shape()) + ", input " + i + " has shape "
                                    + Arrays.toString(inputs[i].shape()));
                        inputs[i].accumulateGrad(grads[i]);
                    }
                },
                ctx.saved(),
                inputs);
    }
}

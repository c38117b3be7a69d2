package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** Heaviside step activation, 1 if x &gt; 0 else 0 (the classic perceptron); gradient zero almost everywhere, see {@link F#step}. */
public class Step extends Module {
    /** Creates the step activation; it has no parameters or settings. */
    public Step() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.step(input);
    }
}

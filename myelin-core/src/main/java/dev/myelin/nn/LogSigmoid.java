package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** log σ(x), computed stably for large |x|, as {@code nn.LogSigmoid}. */
public class LogSigmoid extends Module {
    /** Creates the activation; it has no parameters or settings. */
    public LogSigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.logSigmoid(input);
    }
}

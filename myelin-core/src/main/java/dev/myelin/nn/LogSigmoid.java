package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/** log σ(x), computed stably for large |x|, as {@code nn.LogSigmoid}. */
public class LogSigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return F.logSigmoid(input);
    }
}

package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * max(0, x), as {@code nn.ReLU(inplace=False)}. With {@code inplace} the input's storage is overwritten (no new
 * activation array: after a convolution, whose backward does not read its output, that saves a pass over memory
 * and an allocation per step); the input tensor must not be used afterwards, as in PyTorch.
 */
public class ReLU extends Module {
    private static final Arg<ReLU, Boolean> INPLACE = Arg.flag("inplace", ReLU::inplace);
    public static final ModuleType<ReLU> TYPE =
            ModuleType.of(ReLU.class, List.of(INPLACE), (a, gen) -> new ReLU(a.get(INPLACE)), a -> new StateShapes());

    private final boolean inplace;

    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    public ReLU() {
        this(false);
    }

    public boolean inplace() {
        return inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.relu(input, inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}

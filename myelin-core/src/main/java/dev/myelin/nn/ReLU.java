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
    /**
     * The registered module type: {@code {"type":"ReLU"}} in architecture JSON and model files.
     * {@code "inplace": true} is written only when set.
     */
    public static final ModuleType<ReLU> TYPE =
            ModuleType.of(ReLU.class, List.of(INPLACE), (a, gen) -> new ReLU(a.get(INPLACE)), a -> new StateShapes());

    private final boolean inplace;

    /**
     * A ReLU that overwrites its input when {@code inplace}, as {@code nn.ReLU(inplace)}.
     *
     * @param inplace whether to write the result over the input's storage (PyTorch's default is false)
     */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    /** A ReLU that allocates its output, as {@code nn.ReLU()} (inplace=False). */
    public ReLU() {
        this(false);
    }

    /** {@return whether the input's storage is overwritten} */
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

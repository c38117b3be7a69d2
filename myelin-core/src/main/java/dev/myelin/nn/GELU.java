package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * GELU, as {@code nn.GELU(approximate='none')}: exact x·Φ(x) (erf form) by default, or with
 * {@code approximate = "tanh"} the tanh approximation ½x·(1 + tanh(√(2/π)·(x + 0.044715x³))).
 */
public class GELU extends Module {
    private static final Arg<GELU, String> APPROXIMATE = Arg.of(
            "approximate",
            false,
            "none",
            (v, f) -> {
                if (!v.isTextual()
                        || !(v.textValue().equals("none") || v.textValue().equals("tanh")))
                    throw Arg.invalid(f, "must be \"none\" or \"tanh\"", v);
                return v.textValue();
            },
            GELU::approximate,
            (String v, String f) -> com.fasterxml.jackson.databind.node.TextNode.valueOf(v));
    /** The registered module type: {@code {"type":"GELU","approximate":"none"}} in architecture JSON. */
    public static final ModuleType<GELU> TYPE = ModuleType.of(
            GELU.class, List.of(APPROXIMATE), (a, gen) -> new GELU(a.get(APPROXIMATE)), a -> new StateShapes());

    private final String approximate;

    /**
     * A GELU with the given form, as {@code nn.GELU(approximate)}.
     *
     * @param approximate "none" (exact, PyTorch's default) or "tanh"
     * @throws IllegalArgumentException if approximate is neither
     */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate))
            throw new IllegalArgumentException(
                    "GELU: approximate argument must be either none or tanh, got " + approximate);
        this.approximate = approximate;
    }

    /** The exact GELU, as {@code nn.GELU()} (approximate='none'). */
    public GELU() {
        this("none");
    }

    /** {@return "none" (exact) or "tanh"} */
    public String approximate() {
        return approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}

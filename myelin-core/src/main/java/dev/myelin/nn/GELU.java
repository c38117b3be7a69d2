package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * GELU, as {@code nn.GELU(approximate='none')}: exact x·Φ(x) (erf form) by default, or with
 * {@code approximate = "tanh"} the tanh approximation ½x·(1 + tanh(√(2/π)·(x + 0.044715x³))).
 */
public class GELU extends Module {
    private final String approximate;

    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate))
            throw new IllegalArgumentException("GELU: approximate argument must be either none or tanh, got " + approximate);
        this.approximate = approximate;
    }

    public GELU() {
        this("none");
    }

    /** "none" (exact) or "tanh". */
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

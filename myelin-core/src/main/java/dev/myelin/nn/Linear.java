package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Fully connected layer {@code y = x·Wᵀ + b}, weight of shape [out, in], as {@code nn.Linear}. PyTorch's
 * default initialization: kaiming_uniform(a=√5), i.e. W ~ U(−1/√in, 1/√in), and b ~ U(−1/√in, 1/√in).
 */
public class Linear extends Module {
    private static final Arg<Linear, Integer> IN = Arg.positiveInt("in", Linear::inFeatures);
    private static final Arg<Linear, Integer> OUT = Arg.positiveInt("out", Linear::outFeatures);
    private static final Arg<Linear, Boolean> BIAS = Arg.bool("bias", true, l -> l.bias() != null);
    /** The registered module type: {@code {"type":"Linear","in":10,"out":32,"bias":true}} in architecture JSON. */
    public static final ModuleType<Linear> TYPE = ModuleType.of(
            Linear.class,
            List.of(IN, OUT, BIAS),
            (a, gen) -> new Linear(a.get(IN), a.get(OUT), a.get(BIAS), gen),
            a -> stateShapes(a.get(IN), a.get(OUT), a.get(BIAS)));

    private final int inFeatures, outFeatures;

    /**
     * A fully connected layer, as {@code nn.Linear(in_features, out_features, bias)}, initialized as PyTorch:
     * weight from kaiming_uniform(a=√5), i.e. U(−1/√in, 1/√in), and bias from U(−1/√in, 1/√in).
     *
     * @param inFeatures the size of each input row, positive
     * @param outFeatures the size of each output row, positive
     * @param bias whether to add a learnable bias (PyTorch's default is true)
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new IllegalArgumentException(
                    "Linear: inFeatures and outFeatures must be positive, got " + inFeatures + " and " + outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Parameter w = registerParameter("weight", new Parameter(Tensor.zeros(outFeatures, inFeatures)));
        Init.kaimingUniform(w, Math.sqrt(5), Init.Mode.FAN_IN, "leaky_relu", gen);
        if (bias) {
            double bound = 1 / Math.sqrt(inFeatures);
            Init.uniform(registerParameter("bias", new Parameter(Tensor.zeros(outFeatures))), -bound, bound, gen);
        }
    }

    /**
     * A fully connected layer with a bias, as {@code nn.Linear(in_features, out_features)}; initialized as
     * {@link #Linear(int, int, boolean, Generator)}.
     *
     * @param inFeatures the size of each input row, positive
     * @param outFeatures the size of each output row, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public Linear(int inFeatures, int outFeatures, Generator gen) {
        this(inFeatures, outFeatures, true, gen);
    }

    /** The state of a Linear layer: weight [out, in] and, with a bias, bias [out]. */
    static StateShapes stateShapes(int inFeatures, int outFeatures, boolean bias) {
        return new StateShapes().add("weight", outFeatures, inFeatures).addIf(bias, "bias", outFeatures);
    }

    /** {@return the weight W, shape [out_features, in_features]} */
    public Parameter weight() {
        return parameter("weight");
    }

    /** {@return the bias b, shape [out_features], or null if built without one} */
    public Parameter bias() {
        return hasParameter("bias") ? parameter("bias") : null;
    }

    /** {@return the size of each input row} */
    public int inFeatures() {
        return inFeatures;
    }

    /** {@return the size of each output row} */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight(), bias());
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + Repr.pyBool(bias() != null);
    }
}

package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Fully connected layer {@code y = x·Wᵀ + b}, weight of shape [out, in], as {@code nn.Linear}. PyTorch's
 * default initialization: kaiming_uniform(a=√5), i.e. W ~ U(−1/√in, 1/√in), and b ~ U(−1/√in, 1/√in).
 */
public class Linear extends Module {
    private final int inFeatures, outFeatures;

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be positive, got " + inFeatures + " and " + outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        Parameter w = registerParameter("weight", new Parameter(Tensor.zeros(outFeatures, inFeatures)));
        Init.kaimingUniform(w, Math.sqrt(5), Init.Mode.FAN_IN, "leaky_relu", gen);
        if (bias) {
            double bound = 1 / Math.sqrt(inFeatures);
            Init.uniform(registerParameter("bias", new Parameter(Tensor.zeros(outFeatures))), -bound, bound, gen);
        }
    }

    public Linear(int inFeatures, int outFeatures, Generator gen) {
        this(inFeatures, outFeatures, true, gen);
    }

    public Parameter weight() {
        return parameter("weight");
    }

    /** The bias, or null if built without one. */
    public Parameter bias() {
        return hasParameter("bias") ? parameter("bias") : null;
    }

    public int inFeatures() {
        return inFeatures;
    }

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

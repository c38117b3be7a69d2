package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

/**
 * x if x &gt; 0 else a·x with a learned slope a, as {@code nn.PReLU(num_parameters=1, init=0.25)}: one
 * slope shared by all channels, or {@code numParameters} slopes, one per channel (dim 1 of the input).
 * The parameter is {@code weight}, of shape [numParameters], filled with {@code init}.
 */
public class PReLU extends Module {
    private final int numParameters;

    public PReLU(int numParameters, double init) {
        if (numParameters <= 0) throw new IllegalArgumentException("PReLU: numParameters must be positive, got " + numParameters);
        this.numParameters = numParameters;
        registerParameter("weight", new Parameter(Tensor.full((float) init, numParameters)));
    }

    public PReLU(int numParameters) {
        this(numParameters, 0.25);
    }

    public PReLU() {
        this(1);
    }

    public int numParameters() {
        return numParameters;
    }

    public Parameter weight() {
        return parameter("weight");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.prelu(input, weight());
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}

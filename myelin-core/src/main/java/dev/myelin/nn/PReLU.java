package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * x if x &gt; 0 else a·x with a learned slope a, as {@code nn.PReLU(num_parameters=1, init=0.25)}: one
 * slope shared by all channels, or {@code numParameters} slopes, one per channel (dim 1 of the input).
 * The parameter is {@code weight}, of shape [numParameters], filled with {@code init}.
 */
public class PReLU extends Module {
    private static final Arg<PReLU, Integer> NUM_PARAMETERS = Arg.positiveInt("numParameters", 1, PReLU::numParameters);
    private static final Arg<PReLU, Double> INIT = Arg.number("init", 0.25, PReLU::init);
    public static final ModuleType<PReLU> TYPE = ModuleType.of(
            PReLU.class,
            List.of(NUM_PARAMETERS, INIT),
            (a, gen) -> new PReLU(a.get(NUM_PARAMETERS), a.get(INIT)),
            a -> new StateShapes().add("weight", a.get(NUM_PARAMETERS)));
    private final int numParameters;
    private final double init;

    public PReLU(int numParameters, double init) {
        if (numParameters <= 0)
            throw new IllegalArgumentException("PReLU: numParameters must be positive, got " + numParameters);
        this.numParameters = numParameters;
        this.init = init;
        registerParameter("weight", new Parameter(Tensor.full((float) init, numParameters)));
    }

    public PReLU(int numParameters) {
        this(numParameters, 0.25);
    }

    public PReLU() {
        this(1);
    }

    /** The constructor's initial slope (not the trained weight). */
    public double init() {
        return init;
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

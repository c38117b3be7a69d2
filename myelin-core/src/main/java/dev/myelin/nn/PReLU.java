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
    /** The registered module type: {@code {"type":"PReLU","numParameters":1,"init":0.25}} in architecture JSON. */
    public static final ModuleType<PReLU> TYPE = ModuleType.of(
            PReLU.class,
            List.of(NUM_PARAMETERS, INIT),
            (a, gen) -> new PReLU(a.get(NUM_PARAMETERS), a.get(INIT)),
            a -> new StateShapes().add("weight", a.get(NUM_PARAMETERS)));

    private final int numParameters;
    private final double init;

    /**
     * A PReLU with {@code numParameters} slopes, all initialized to {@code init}, as
     * {@code nn.PReLU(num_parameters, init)}.
     *
     * @param numParameters 1 (one shared slope) or the number of channels C of the [N, C, ...] input
     * @param init the initial slope (PyTorch's default is 0.25)
     * @throws IllegalArgumentException if numParameters is not positive
     */
    public PReLU(int numParameters, double init) {
        if (numParameters <= 0)
            throw new IllegalArgumentException("PReLU: numParameters must be positive, got " + numParameters);
        this.numParameters = numParameters;
        this.init = init;
        registerParameter("weight", new Parameter(Tensor.full((float) init, numParameters)));
    }

    /**
     * A PReLU with {@code numParameters} slopes initialized to PyTorch's default 0.25.
     *
     * @param numParameters 1 (one shared slope) or the number of channels C of the [N, C, ...] input
     * @throws IllegalArgumentException if numParameters is not positive
     */
    public PReLU(int numParameters) {
        this(numParameters, 0.25);
    }

    /** A PReLU with one shared slope initialized to 0.25, as {@code nn.PReLU()}. */
    public PReLU() {
        this(1);
    }

    /** {@return the constructor's initial slope (not the trained weight)} */
    public double init() {
        return init;
    }

    /** {@return the number of slopes (1, or one per channel)} */
    public int numParameters() {
        return numParameters;
    }

    /** {@return the learned slopes {@code weight}, shape [numParameters]} */
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

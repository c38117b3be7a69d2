package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The course's multilayer perceptron: for each hidden width a Linear followed by the activation, then a
 * final Linear without activation, all in a {@link Sequential} registered as {@code model} — so the
 * parameter names ({@code model.0.weight}, ...) match the course's PyTorch class.
 */
public class MLP extends Module {
    private static final Arg<MLP, Integer> INPUT_DIM = Arg.positiveInt("inputDim", MLP::inputDim);
    private static final Arg<MLP, List<Integer>> HIDDEN_LAYERS = Arg.positiveInts("hiddenLayers", MLP::hiddenLayers);
    private static final Arg<MLP, Integer> OUTPUT_DIM = Arg.positiveInt("outputDim", MLP::outputDim);
    private static final Arg<MLP, Activation> ACTIVATION =
            Arg.named("activation", Activation.RELU, Activation::fromName, Activation::key, MLP::activation);
    /**
     * The registered module type: {@code {"type":"MLP","inputDim":784,"hiddenLayers":[128],"outputDim":10,
     * "activation":"relu"}} in architecture JSON (activation optional, relu by default).
     */
    public static final ModuleType<MLP> TYPE = ModuleType.of(
            MLP.class,
            List.of(INPUT_DIM, HIDDEN_LAYERS, OUTPUT_DIM, ACTIVATION),
            (a, gen) -> new MLP(a.get(INPUT_DIM), a.get(HIDDEN_LAYERS), a.get(OUTPUT_DIM), a.get(ACTIVATION), gen),
            a -> stateShapes(a.get(INPUT_DIM), a.get(HIDDEN_LAYERS), a.get(OUTPUT_DIM)));

    private final int inputDim, outputDim;
    private final List<Integer> hiddenLayers;
    private final Activation activation;

    /**
     * An MLP {@code inputDim → hiddenLayers... → outputDim} with {@code activation} after each hidden Linear; each
     * Linear is initialized as PyTorch's {@code nn.Linear} (U(−1/√in, 1/√in) for weight and bias).
     *
     * @param inputDim the number of input features, positive
     * @param hiddenLayers the hidden layer widths, each positive; empty for a single Linear
     * @param outputDim the number of outputs (e.g. classes), positive
     * @param activation the hidden activation, built with its default settings
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public MLP(int inputDim, List<Integer> hiddenLayers, int outputDim, Activation activation, Generator gen) {
        if (inputDim <= 0 || outputDim <= 0)
            throw new IllegalArgumentException(
                    "MLP: inputDim and outputDim must be positive, got " + inputDim + " and " + outputDim);
        for (Integer h : hiddenLayers)
            if (h == null || h <= 0)
                throw new IllegalArgumentException(
                        "MLP: every hidden layer width must be positive, got " + hiddenLayers);
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.hiddenLayers = List.copyOf(hiddenLayers);
        this.activation = activation;
        List<Module> layers = new ArrayList<>();
        int prev = inputDim;
        for (int h : hiddenLayers) {
            layers.add(new Linear(prev, h, gen));
            layers.add(activation.module());
            prev = h;
        }
        layers.add(new Linear(prev, outputDim, gen));
        registerModule("model", new Sequential(layers));
    }

    /** The layout the constructor builds: Linear layers at model.0, model.2, ... (activations between hold no state). */
    private static StateShapes stateShapes(int inputDim, List<Integer> hiddenLayers, int outputDim) {
        StateShapes s = new StateShapes();
        int prev = inputDim, index = 0;
        for (int h : hiddenLayers) {
            s.addAll("model." + index, Linear.stateShapes(prev, h, true));
            index += 2;
            prev = h;
        }
        return s.addAll("model." + index, Linear.stateShapes(prev, outputDim, true));
    }

    /**
     * An MLP with ReLU hidden activations, as in the course; initialized as
     * {@link #MLP(int, List, int, Activation, Generator)}.
     *
     * @param inputDim the number of input features, positive
     * @param hiddenLayers the hidden layer widths, each positive; empty for a single Linear
     * @param outputDim the number of outputs (e.g. classes), positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public MLP(int inputDim, List<Integer> hiddenLayers, int outputDim, Generator gen) {
        this(inputDim, hiddenLayers, outputDim, Activation.RELU, gen);
    }

    /** {@return the number of input features} */
    public int inputDim() {
        return inputDim;
    }

    /** {@return the number of outputs} */
    public int outputDim() {
        return outputDim;
    }

    /** {@return the hidden layer widths; unmodifiable} */
    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    /** {@return the activation after each hidden layer} */
    public Activation activation() {
        return activation;
    }

    /** {@return the wrapped Sequential of Linear and activation layers, registered as {@code model}} */
    public Sequential model() {
        return (Sequential) namedChildren().get("model");
    }

    @Override
    public Tensor forward(Tensor input) {
        return model().forward(input);
    }
}

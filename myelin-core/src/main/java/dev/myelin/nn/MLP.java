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
    private final int inputDim, outputDim;
    private final List<Integer> hiddenLayers;
    private final Activation activation;

    public MLP(int inputDim, List<Integer> hiddenLayers, int outputDim, Activation activation, Generator gen) {
        if (inputDim <= 0 || outputDim <= 0)
            throw new IllegalArgumentException("MLP: inputDim and outputDim must be positive, got " + inputDim + " and " + outputDim);
        for (Integer h : hiddenLayers)
            if (h == null || h <= 0) throw new IllegalArgumentException("MLP: every hidden layer width must be positive, got " + hiddenLayers);
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

    /** With ReLU hidden activations, as in the course. */
    public MLP(int inputDim, List<Integer> hiddenLayers, int outputDim, Generator gen) {
        this(inputDim, hiddenLayers, outputDim, Activation.RELU, gen);
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public List<Integer> hiddenLayers() {
        return hiddenLayers;
    }

    public Activation activation() {
        return activation;
    }

    /** The wrapped Sequential. */
    public Sequential model() {
        return (Sequential) namedChildren().get("model");
    }

    @Override
    public Tensor forward(Tensor input) {
        return model().forward(input);
    }
}

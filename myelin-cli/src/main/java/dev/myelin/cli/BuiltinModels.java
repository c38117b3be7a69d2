package dev.myelin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The convolutional and recurrent networks {@code --model} knows by name, as architecture JSON (so they are built by
 * the module registry and saved in model files like any other spec). The CLI feeds every model flat rows, and the
 * network reshapes them itself: a convolutional one starts with {@code Unflatten(1, [C, H, W])}, a recurrent one
 * with {@code Unflatten(1, [T, F])} (an image's rows as T steps of F pixels, a window of a series as T steps of one
 * value) or, for text, an {@code Embedding} of the character ids. The sizes follow the data: the image height and
 * width set the first linear layer's input, the classes the last layer's output (on 28x28 images with 10 classes
 * the convolutional ones are exactly the layers of issue 14).
 */
final class BuiltinModels {
    /** The names {@code --model} accepts besides a file; "mlp" is built from the MLP flags, not from here. */
    static final List<String> NAMES = List.of("mlp", "cnn", "lenet", "rnn", "lstm", "gru", "transformer");

    /** The width of the character embedding in front of a recurrent built-in on text. */
    static final int TEXT_EMBEDDING = 32;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BuiltinModels() {}

    /** Whether {@code name} is a convolutional built-in (cnn or lenet). */
    static boolean isConvolutional(String name) {
        return name.equals("cnn") || name.equals("lenet");
    }

    /** Whether {@code name} is a recurrent built-in (rnn, lstm or gru). */
    static boolean isRecurrent(String name) {
        return name.equals("rnn") || name.equals("lstm") || name.equals("gru");
    }

    /**
     * The initial standard deviation of the transformer's learned positions, as GPT-2's: at nn.Embedding's 1 they
     * drown the rows' embeddings (|x·W| ≈ 0.3) and training is slower and noisier (PyTorch's same network: 0.80 after
     * one Fashion-MNIST epoch instead of 0.83).
     */
    static final double POSITION_STD = 0.02;

    /** Whether {@code name} is the attention built-in. */
    static boolean isTransformer(String name) {
        return name.equals("transformer");
    }

    /**
     * The JSON spec of the Transformer built-in, a Sequential: the input as [N, steps, features] (an Unflatten of the
     * flat rows and a Linear of each step's features to {@code dim}, or an Embedding of {@code vocabulary} character
     * ids to {@code dim}), a learned positional embedding (initial std {@link #POSITION_STD}), a batch-first TransformerEncoder of {@code shape} (post-norm
     * layers with ReLU, as PyTorch's defaults), the mean over the steps and a Linear layer to the {@code outputs}.
     */
    static String transformer(int steps, int stepFeatures, int vocabulary, TransformerShape shape, int outputs) {
        ObjectNode root = JSON.createObjectNode().put("type", "Sequential");
        ArrayNode layers = root.putArray("layers");
        if (vocabulary > 0) {
            layers.addObject()
                    .put("type", "Embedding")
                    .put("numEmbeddings", vocabulary)
                    .put("embeddingDim", shape.dim());
        } else {
            layers.addObject()
                    .put("type", "Unflatten")
                    .put("dim", 1)
                    .putArray("sizes")
                    .add(steps)
                    .add(stepFeatures);
            layers.addObject().put("type", "Linear").put("in", stepFeatures).put("out", shape.dim());
        }
        layers.addObject()
                .put("type", "LearnedPositionalEmbedding")
                .put("maxLen", steps)
                .put("dModel", shape.dim())
                .put("batchFirst", true)
                .put("initStd", POSITION_STD);
        ObjectNode encoder =
                layers.addObject().put("type", "TransformerEncoder").put("numLayers", shape.layers());
        encoder.putObject("encoderLayer")
                .put("type", "TransformerEncoderLayer")
                .put("dModel", shape.dim())
                .put("nhead", shape.heads())
                .put("dimFeedforward", shape.feedForward())
                .put("dropout", shape.dropout())
                .put("batchFirst", true);
        layers.addObject().put("type", "Mean").put("dim", 1);
        layers.addObject().put("type", "Linear").put("in", shape.dim()).put("out", outputs);
        return write(root, "transformer");
    }

    /**
     * The JSON spec of a recurrent built-in: a graph of the input as [N, steps, features] (an Unflatten of the flat
     * rows, or an Embedding of {@code vocabulary} character ids when that is not 0), one batch-first RNN, LSTM or
     * GRU of {@code shape}, {@code Select(1, -1)} of its output (the last step; with two directions, the forward
     * direction's last state and the backward direction's first step, as {@code out[:, -1]} in PyTorch) and a
     * Linear layer to the {@code outputs}.
     */
    static String recurrent(
            String name, int steps, int stepFeatures, int vocabulary, RecurrentShape shape, int outputs) {
        String type = switch (name) {
            case "rnn" -> "RNN";
            case "lstm" -> "LSTM";
            case "gru" -> "GRU";
            default -> throw new IllegalArgumentException("no built-in recurrent model '" + name + "'");
        };
        ObjectNode root = JSON.createObjectNode().put("type", "GraphModule");
        root.putArray("inputs").add("x");
        ArrayNode nodes = root.putArray("nodes");
        int inputSize;
        if (vocabulary > 0) {
            node(nodes, "embedding", "x")
                    .put("type", "Embedding")
                    .put("numEmbeddings", vocabulary)
                    .put("embeddingDim", TEXT_EMBEDDING);
            inputSize = TEXT_EMBEDDING;
        } else {
            node(nodes, "sequence", "x")
                    .put("type", "Unflatten")
                    .put("dim", 1)
                    .putArray("sizes")
                    .add(steps)
                    .add(stepFeatures);
            inputSize = stepFeatures;
        }
        node(nodes, name, vocabulary > 0 ? "embedding" : "sequence")
                .put("type", type)
                .put("inputSize", inputSize)
                .put("hiddenSize", shape.hidden())
                .put("numLayers", shape.layers())
                .put("batchFirst", true)
                .put("dropout", shape.dropout())
                .put("bidirectional", shape.bidirectional());
        node(nodes, "last", name + ".output")
                .put("type", "Select")
                .put("dim", 1)
                .put("index", -1);
        node(nodes, "fc", "last")
                .put("type", "Linear")
                .put("in", shape.hidden() * shape.directions())
                .put("out", outputs);
        root.putArray("outputs").add("fc");
        return write(root, name);
    }

    /** A graph node reading {@code input}; returns its module object to fill. */
    private static ObjectNode node(ArrayNode nodes, String name, String input) {
        ObjectNode node = nodes.addObject().put("name", name);
        node.putArray("inputs").add(input);
        return node.putObject("module");
    }

    private static String write(ObjectNode root, String model) {
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + model + " spec", e);
        }
    }

    /**
     * The JSON spec of a convolutional built-in for images of shape [channels, height, width] and {@code classes}
     * outputs; fails naming the model when the images are too small for its layers.
     */
    static String spec(String name, int channels, int height, int width, int classes) {
        Layers l = new Layers(name, channels, height, width);
        switch (name) {
            // conv 1→32 3x3 pad 1, ReLU, pool 2, conv 32→64 3x3 pad 1, ReLU, pool 2, flatten, 3136→128, ReLU, 128→10
            case "cnn" -> {
                l.conv(32, 3, 1)
                        .reluInPlace()
                        .maxPool(2)
                        .conv(64, 3, 1)
                        .reluInPlace()
                        .maxPool(2)
                        .flatten();
                l.linear(128).relu().linear(classes);
            }
            // LeNet-5 with ReLU: conv 1→6 5x5 pad 2, ReLU, pool 2, conv 6→16 5x5, ReLU, pool 2, 400→120→84→10
            case "lenet" -> {
                l.conv(6, 5, 2)
                        .reluInPlace()
                        .maxPool(2)
                        .conv(16, 5, 0)
                        .reluInPlace()
                        .maxPool(2)
                        .flatten();
                l.linear(120).relu().linear(84).relu().linear(classes);
            }
            default -> throw new IllegalArgumentException("no built-in convolutional model '" + name + "'");
        }
        return l.json();
    }

    /**
     * Builds a Sequential's layer list, tracking the shape of one example ([C, H, W], then [F] after flatten)
     * with PyTorch's output-size formulas, so each layer's input size is known.
     */
    private static final class Layers {
        private final String model;
        private final ArrayNode layers = JSON.createArrayNode();
        private final int inputHeight, inputWidth;
        private int channels, height, width, features;

        Layers(String model, int channels, int height, int width) {
            this.model = model;
            this.channels = channels;
            this.height = this.inputHeight = height;
            this.width = this.inputWidth = width;
            ObjectNode unflatten = layer("Unflatten").put("dim", 1);
            unflatten.putArray("sizes").add(channels).add(height).add(width);
        }

        Layers conv(int out, int kernel, int padding) {
            layer("Conv2d")
                    .put("inChannels", channels)
                    .put("outChannels", out)
                    .put("kernelSize", kernel)
                    .put("padding", padding);
            channels = out;
            height = checked(height + 2 * padding - kernel + 1);
            width = checked(width + 2 * padding - kernel + 1);
            return this;
        }

        Layers maxPool(int kernel) {
            layer("MaxPool2d").put("kernelSize", kernel);
            height = checked(Math.floorDiv(height - kernel, kernel) + 1);
            width = checked(Math.floorDiv(width - kernel, kernel) + 1);
            return this;
        }

        Layers relu() {
            layer("ReLU");
            return this;
        }

        /** A ReLU that writes over its input, as torchvision's {@code ReLU(inplace=True)}: after a convolution. */
        Layers reluInPlace() {
            layer("ReLU").put("inplace", true);
            return this;
        }

        Layers flatten() {
            layer("Flatten");
            features = channels * height * width;
            return this;
        }

        Layers linear(int out) {
            layer("Linear").put("in", features).put("out", out);
            features = out;
            return this;
        }

        private int checked(int size) {
            if (size < 1)
                throw new IllegalArgumentException(
                        "--model " + model + ": " + inputHeight + "x" + inputWidth
                                + " images are too small for its convolution and pooling layers; use larger images or an architecture JSON file");
            return size;
        }

        private ObjectNode layer(String type) {
            return layers.addObject().put("type", type);
        }

        String json() {
            ObjectNode root = JSON.createObjectNode().put("type", "Sequential");
            root.set("layers", layers);
            return write(root, model);
        }
    }
}

package dev.myelin.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ONNX operators that import, each as the Myelin module(s) computing the same: Gemm and MatMul (+ Add) as
 * Linear, Conv as Conv1d/Conv2d, the pools, BatchNormalization, LayerNormalization, Flatten and Reshape (as Flatten
 * and Unflatten), and the activations. Modules are built from their architecture JSON (so they are saved like any
 * other) and loaded with the node's weights.
 */
final class NodeImports {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SUPPORTED = List.of(
            "Gemm",
            "MatMul",
            "Add",
            "Conv",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
            "GlobalMaxPool",
            "BatchNormalization",
            "LayerNormalization",
            "Flatten",
            "Reshape",
            "Relu",
            "Sigmoid",
            "Tanh",
            "LeakyRelu",
            "Elu",
            "Celu",
            "Selu",
            "Softplus",
            "Softsign",
            "HardSwish",
            "HardSigmoid",
            "Softmax",
            "LogSoftmax",
            "Identity",
            "Dropout");

    private NodeImports() {}

    /** The names of the operators that import, sorted. */
    static List<String> supported() {
        return List.copyOf(new TreeSet<>(SUPPORTED));
    }

    /**
     * The modules that compute {@code s}'s node on its input (none for an identity). An Add of a constant bias right
     * after a bias-free Linear replaces that Linear in {@code layers} by one with the bias, and returns none.
     */
    static List<Module> toModules(ImportStep s, List<Module> layers) {
        return switch (s.node().getOpType()) {
            case "Gemm" -> List.of(gemm(s));
            case "MatMul" -> List.of(matmul(s));
            case "Add" -> {
                foldBias(s, layers);
                yield List.of();
            }
            case "Conv" -> List.of(conv(s));
            case "MaxPool" -> List.of(pool(s, "MaxPool2d"));
            case "AveragePool" -> List.of(pool(s, "AvgPool2d"));
            case "GlobalAveragePool" ->
                List.of(build(s, spec(s, "AdaptiveAvgPool2d").put("outputSize", 1), Map.of()));
            case "GlobalMaxPool" ->
                List.of(build(s, spec(s, "AdaptiveMaxPool2d").put("outputSize", 1), Map.of()));
            case "BatchNormalization" -> List.of(batchNorm(s));
            case "LayerNormalization" -> List.of(layerNorm(s));
            case "Flatten" -> {
                if (s.intAttr("axis", 1) != 1)
                    throw s.unsupported(
                            "flattens at axis " + s.intAttr("axis", 1) + "; only axis 1 (keep the batch) imports");
                yield s.rank() == 2 ? List.of() : List.of(build(s, spec(s, "Flatten"), Map.of()));
            }
            case "Reshape" -> reshape(s);
            case "Relu" -> List.of(build(s, spec(s, "ReLU"), Map.of()));
            case "Sigmoid" -> List.of(build(s, spec(s, "Sigmoid"), Map.of()));
            case "Tanh" -> List.of(build(s, spec(s, "Tanh"), Map.of()));
            case "Softsign" -> List.of(build(s, spec(s, "Softsign"), Map.of()));
            case "HardSwish" -> List.of(build(s, spec(s, "Hardswish"), Map.of()));
            case "Softplus" -> List.of(build(s, spec(s, "Softplus"), Map.of()));
            case "LeakyRelu" ->
                List.of(build(s, spec(s, "LeakyReLU").put("negativeSlope", s.floatAttr("alpha", 0.01f)), Map.of()));
            case "Elu" -> List.of(build(s, spec(s, "ELU").put("alpha", s.floatAttr("alpha", 1f)), Map.of()));
            case "Celu" -> List.of(build(s, spec(s, "CELU").put("alpha", s.floatAttr("alpha", 1f)), Map.of()));
            case "Selu" -> {
                if (s.attribute("alpha") != null || s.attribute("gamma") != null) {
                    float a = s.floatAttr("alpha", 1.6732632f), g = s.floatAttr("gamma", 1.050701f);
                    if (Math.abs(a - 1.6732632f) > 1e-6 || Math.abs(g - 1.050701f) > 1e-6)
                        throw s.unsupported("has alpha/gamma other than SELU's constants");
                }
                yield List.of(build(s, spec(s, "SELU"), Map.of()));
            }
            case "HardSigmoid" -> {
                if (Math.abs(s.floatAttr("alpha", 0.2f) - 1f / 6) > 1e-6
                        || Math.abs(s.floatAttr("beta", 0.5f) - 0.5f) > 1e-6)
                    throw s.unsupported("has alpha/beta other than PyTorch's Hardsigmoid (1/6, 0.5)");
                yield List.of(build(s, spec(s, "Hardsigmoid"), Map.of()));
            }
            case "Softmax" -> List.of(build(s, spec(s, "Softmax").put("dim", s.intAttr("axis", -1)), Map.of()));
            case "LogSoftmax" -> List.of(build(s, spec(s, "LogSoftmax").put("dim", s.intAttr("axis", -1)), Map.of()));
            case "Identity", "Dropout" -> List.of();
            default ->
                throw s.unsupported(
                        "has an operator that does not import; supported: " + String.join(", ", supported()));
        };
    }

    /** Gemm(x, W, b) = alpha·x·op(W) + beta·b: a Linear when alpha = beta = 1 and x is not transposed. */
    private static Module gemm(ImportStep s) {
        if (s.intAttr("transA", 0) != 0 || s.floatAttr("alpha", 1) != 1 || s.floatAttr("beta", 1) != 1)
            throw s.unsupported("has transA, alpha or beta other than 0, 1, 1, which Linear does not compute");
        Tensor w = s.weight(1);
        if (w.shape().length != 2)
            throw s.unsupported("has a weight of shape " + Shapes.str(w.shape()) + ", not a matrix");
        if (s.intAttr("transB", 0) == 0) w = w.transpose(0, 1).contiguous();
        return linear(s, w, s.hasInput(2) ? s.weight(2) : null);
    }

    /** MatMul(x, W) with a constant [in, out] matrix: a Linear without bias (an Add after it may give it one). */
    private static Module matmul(ImportStep s) {
        Tensor w = s.weight(1);
        if (w.shape().length != 2)
            throw s.unsupported("multiplies by a tensor of shape " + Shapes.str(w.shape()) + ", not a matrix");
        return linear(s, w.transpose(0, 1).contiguous(), null);
    }

    private static Module linear(ImportStep s, Tensor weight, Tensor bias) {
        int out = weight.shape()[0], in = weight.shape()[1];
        int[] x = s.in().shape();
        if (x[x.length - 1] != in)
            throw s.unsupported(
                    "multiplies an input of shape " + Shapes.str(x) + " by a weight for " + in + " features");
        Map<String, Tensor> w = new LinkedHashMap<>(Map.of("weight", weight));
        if (bias != null) {
            if (bias.numel() != out)
                throw s.unsupported("has a bias of shape " + Shapes.str(bias.shape()) + " for " + out + " outputs");
            w.put("bias", bias.reshape(out));
        }
        return build(s, spec(s, "Linear").put("in", in).put("out", out).put("bias", bias != null), w);
    }

    /** x·W + b: the bias joins the bias-free Linear that the MatMul before it became. */
    private static void foldBias(ImportStep s, List<Module> layers) {
        if (layers.isEmpty() || !(layers.getLast() instanceof Linear l) || l.bias() != null)
            throw s.unsupported("adds to a value that is not a MatMul's output; only a MatMul's bias Add imports");
        Tensor b = s.weight(1);
        if (b.numel() != l.outFeatures())
            throw s.unsupported(
                    "adds a tensor of shape " + Shapes.str(b.shape()) + " to " + l.outFeatures() + " features");
        layers.set(layers.size() - 1, linear(s, l.weight(), b));
    }

    private static Module conv(ImportStep s) {
        Tensor w = s.weight(1);
        int n = w.shape().length - 2;
        if (n != 1 && n != 2) throw s.unsupported("convolves " + n + " spatial dims; Conv1d and Conv2d import");
        String autoPad = s.stringAttr("auto_pad", "NOTSET");
        int[] kernel = Arrays.copyOfRange(w.shape(), 2, w.shape().length);
        int[] pads = padding(s, n, autoPad.equals("VALID") ? new int[2 * n] : s.intsAttr("pads", new int[2 * n]));
        requireOutputFits(s, w.shape()[0], pads);
        int group = (int) s.intAttr("group", 1);
        ObjectNode spec = spec(s, n == 1 ? "Conv1d" : "Conv2d")
                .put("inChannels", w.shape()[1] * group)
                .put("outChannels", w.shape()[0])
                .put("groups", group)
                .put("bias", s.hasInput(2));
        ints(spec, "kernelSize", kernel);
        ints(spec, "stride", s.intsAttr("strides", ones(n)));
        ints(spec, "padding", pads);
        ints(spec, "dilation", s.intsAttr("dilations", ones(n)));
        Map<String, Tensor> weights = new LinkedHashMap<>(Map.of("weight", w));
        if (s.hasInput(2)) weights.put("bias", s.weight(2));
        return build(s, spec, weights);
    }

    private static Module pool(ImportStep s, String type) {
        int[] kernel = s.intsAttr("kernel_shape", null);
        if (kernel == null || kernel.length != 2) throw s.unsupported("has no 2-d kernel_shape; only 2-d pools import");
        ObjectNode spec = spec(s, type);
        ints(spec, "kernelSize", kernel);
        ints(spec, "stride", s.intsAttr("strides", ones(2))); // ONNX's default stride is 1, PyTorch's the kernel
        int[] pads = padding(s, 2, s.intsAttr("pads", new int[4]));
        requireOutputFits(s, s.rank() > 1 ? s.in().shape()[1] : 1, pads);
        ints(spec, "padding", pads);
        spec.put("ceilMode", s.intAttr("ceil_mode", 0) != 0);
        if (type.equals("MaxPool2d")) ints(spec, "dilation", s.intsAttr("dilations", ones(2)));
        else spec.put("countIncludePad", s.intAttr("count_include_pad", 0) != 0);
        return build(s, spec, Map.of());
    }

    /** Refuses padding that would make the layer's output absurdly large before the sample pass allocates it. */
    private static void requireOutputFits(ImportStep s, int channels, int[] pads) {
        int[] in = s.in().shape();
        double n = (double) in[0] * channels;
        for (int i = 0; i < pads.length && 2 + i < in.length; i++) n *= in[2 + i] + 2.0 * pads[i];
        if (n > 16.0 * OnnxImporter.MAX_SAMPLE)
            throw s.unsupported("pads " + Arrays.toString(pads) + " an input of shape " + Shapes.str(in)
                    + " to an output of about " + (long) n + " values");
    }

    /** Symmetric ONNX pads [b1, b2, e1, e2] as PyTorch's per-dim padding. */
    private static int[] padding(ImportStep s, int n, int[] pads) {
        String autoPad = s.stringAttr("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID"))
            throw s.unsupported("has auto_pad " + autoPad + "; give explicit pads");
        if (pads.length != 2 * n) throw s.unsupported("has pads " + Arrays.toString(pads) + " for " + n + " dims");
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            if (pads[i] != pads[i + n])
                throw s.unsupported("pads unevenly " + Arrays.toString(pads) + ", which PyTorch's layers do not");
            p[i] = pads[i];
        }
        return p;
    }

    private static Module batchNorm(ImportStep s) {
        int rank = s.rank();
        if (rank < 2 || rank > 4)
            throw s.unsupported("normalizes a rank-" + rank + " input; BatchNorm1d takes 2 or 3, BatchNorm2d 4");
        Tensor scale = s.weight(1);
        int c = scale.numel();
        ObjectNode spec = spec(s, rank == 4 ? "BatchNorm2d" : "BatchNorm1d")
                .put("numFeatures", c)
                .put("eps", s.floatAttr("epsilon", 1e-5f));
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("weight", scale);
        w.put("bias", s.weight(2));
        w.put("running_mean", s.weight(3));
        w.put("running_var", s.weight(4));
        w.put("num_batches_tracked", Tensor.zeros());
        return build(s, spec, w);
    }

    private static Module layerNorm(ImportStep s) {
        int rank = s.rank(), axis = (int) s.intAttr("axis", -1);
        if (axis < 0) axis += rank;
        if (axis <= 0 || axis >= rank)
            throw s.unsupported("normalizes from axis " + axis + " of a rank-" + rank + " input");
        int[] shape = Arrays.copyOfRange(s.in().shape(), axis, rank);
        ObjectNode spec =
                spec(s, "LayerNorm").put("eps", s.floatAttr("epsilon", 1e-5f)).put("elementwiseAffine", true);
        ints(spec, "normalizedShape", shape);
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("weight", s.weight(1).reshape(shape));
        w.put("bias", s.hasInput(2) ? s.weight(2).reshape(shape) : Tensor.zeros(shape));
        return build(s, spec, w);
    }

    /**
     * Reshape to a constant shape that keeps the batch dimension: Flatten the non-batch dims of the input (when more
     * than one), then Unflatten them into the target's (when more than one).
     */
    private static List<Module> reshape(ImportStep s) {
        long[] target = OnnxTensors.toLongs(s.constant(1), s.describe());
        int[] in = s.in().shape();
        if (s.intAttr("allowzero", 0) != 0) throw s.unsupported("has allowzero=1");
        long rest = 1;
        int infer = -1;
        int[] out = new int[target.length];
        for (int i = 1; i < target.length; i++) {
            long t = target[i] == 0 && i < in.length ? in[i] : target[i];
            if (t == -1) {
                if (infer >= 0) throw s.unsupported("has two -1 sizes in " + Arrays.toString(target));
                infer = i;
            } else if (t <= 0 || t > Integer.MAX_VALUE) {
                throw s.unsupported("reshapes to " + Arrays.toString(target));
            } else {
                rest *= t;
                out[i] = (int) t;
            }
        }
        long features = Shapes.numel(in) / in[0];
        boolean batchFirst =
                target.length > 0 && (target[0] == 0 || (target[0] == -1 && infer < 0 && rest == features));
        if (!batchFirst || (infer >= 0 && features % rest != 0))
            throw s.unsupported(
                    "reshapes " + Shapes.str(in) + " to " + Arrays.toString(target)
                            + ", which does not keep the batch dimension first (only Flatten/Unflatten of the non-batch dims import)");
        if (infer >= 0) out[infer] = (int) (features / rest);
        else if (rest != features)
            throw s.unsupported("reshapes " + features + " features to " + Arrays.toString(target));
        out[0] = in[0];
        if (Arrays.equals(out, in)) return List.of();
        List<Module> modules = new java.util.ArrayList<>();
        if (in.length > 2) modules.add(build(s, spec(s, "Flatten"), Map.of()));
        if (out.length > 2) {
            ObjectNode u = spec(s, "Unflatten").put("dim", 1);
            ints(u, "sizes", Arrays.copyOfRange(out, 1, out.length));
            modules.add(build(s, u, Map.of()));
        }
        return modules;
    }

    private static ObjectNode spec(ImportStep s, String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static void ints(ObjectNode spec, String name, int[] values) {
        var a = spec.putArray(name);
        for (int v : values) a.add(v);
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** Builds the module from its spec and loads {@code weights} into it (the rest of its state stays as built). */
    private static Module build(ImportStep s, ObjectNode spec, Map<String, Tensor> weights) {
        Module m;
        try {
            m = Architecture.fromJson(spec.toString(), new Generator(0));
        } catch (IllegalArgumentException e) {
            throw s.unsupported("cannot become a Myelin " + spec.get("type").asText() + ": " + e.getMessage());
        }
        if (!weights.isEmpty()) {
            Map<String, Tensor> state = new LinkedHashMap<>(m.stateDict());
            state.putAll(weights);
            try {
                m.loadStateDict(state);
            } catch (IllegalArgumentException e) {
                throw s.unsupported(
                        "has weights that do not fit a " + spec.get("type").asText() + ": " + e.getMessage());
            }
        }
        return m;
    }
}

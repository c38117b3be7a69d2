package dev.myelin.onnx;

import static dev.myelin.onnx.OnnxGraph.attr;
import static dev.myelin.onnx.OnnxGraph.ints;

import dev.myelin.nn.BatchNorm;
import dev.myelin.nn.CELU;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.ELU;
import dev.myelin.nn.Embedding;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.GELU;
import dev.myelin.nn.Hardsigmoid;
import dev.myelin.nn.Hardswish;
import dev.myelin.nn.Identity;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.LeakyReLU;
import dev.myelin.nn.Linear;
import dev.myelin.nn.LogSigmoid;
import dev.myelin.nn.LogSoftmax;
import dev.myelin.nn.Mean;
import dev.myelin.nn.Mish;
import dev.myelin.nn.Module;
import dev.myelin.nn.PReLU;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.ReLU6;
import dev.myelin.nn.SELU;
import dev.myelin.nn.Select;
import dev.myelin.nn.SiLU;
import dev.myelin.nn.Sigmoid;
import dev.myelin.nn.Softmax;
import dev.myelin.nn.Softplus;
import dev.myelin.nn.Softsign;
import dev.myelin.nn.Step;
import dev.myelin.nn.Tanh;
import dev.myelin.nn.Unflatten;
import dev.myelin.nn.conv.Dropout2d;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The ONNX form of the one-tensor layers of {@code dev.myelin.nn}: Linear, the activations, dropout (identity at
 * inference), normalization, embedding, reshapes, reductions. Where ONNX 17 has the operator it is used
 * (Gemm, Relu, BatchNormalization, LayerNormalization, ...); GELU, SiLU, Mish and LogSigmoid, which it lacks, are
 * written as the elementary operators of their definitions.
 */
final class LayerExports {
    private LayerExports() {}

    static void addTo(Map<Class<? extends Module>, LayerExport> table) {
        table.put(Linear.class, LayerExports::linear);
        table.put(Identity.class, s -> s.op("Identity", s.input()));
        table.put(Dropout.class, s -> s.op("Identity", s.input()));
        table.put(Dropout2d.class, s -> s.op("Identity", s.input()));
        table.put(ReLU.class, s -> s.op("Relu", s.input()));
        table.put(Sigmoid.class, s -> s.op("Sigmoid", s.input()));
        table.put(Tanh.class, s -> s.op("Tanh", s.input()));
        table.put(Softsign.class, s -> s.op("Softsign", s.input()));
        table.put(SELU.class, s -> s.op("Selu", s.input()));
        table.put(Hardswish.class, s -> s.op("HardSwish", s.input()));
        table.put(Hardsigmoid.class, s -> s.node("HardSigmoid", s.input(), attr("alpha", 1f / 6), attr("beta", 0.5f)));
        table.put(
                ReLU6.class,
                s -> s.op(
                        "Clip",
                        s.input(),
                        s.graph().scalarConstant(0),
                        s.graph().scalarConstant(6)));
        table.put(
                LeakyReLU.class,
                s -> s.node("LeakyRelu", s.input(), attr("alpha", (float) ((LeakyReLU) s.module()).negativeSlope())));
        table.put(ELU.class, s -> s.node("Elu", s.input(), attr("alpha", (float) ((ELU) s.module()).alpha())));
        table.put(CELU.class, s -> s.node("Celu", s.input(), attr("alpha", (float) ((CELU) s.module()).alpha())));
        table.put(PReLU.class, LayerExports::prelu);
        table.put(SiLU.class, s -> s.op("Mul", s.input(), s.op("Sigmoid", s.input())));
        table.put(Mish.class, s -> s.op("Mul", s.input(), s.op("Tanh", s.op("Softplus", s.input()))));
        table.put(LogSigmoid.class, s -> s.op("Neg", s.op("Softplus", s.op("Neg", s.input()))));
        table.put(Softplus.class, LayerExports::softplus);
        table.put(GELU.class, LayerExports::gelu);
        table.put(
                Step.class,
                s -> s.node("Cast", s.op("Greater", s.input(), s.graph().scalarConstant(0)), attr("to", (long)
                        TensorProto.DataType.FLOAT_VALUE)));
        table.put(
                Softmax.class,
                s -> s.node("Softmax", s.input(), attr("axis", (long) s.axis(((Softmax) s.module()).dim()))));
        table.put(
                LogSoftmax.class,
                s -> s.node("LogSoftmax", s.input(), attr("axis", (long) s.axis(((LogSoftmax) s.module()).dim()))));
        table.put(dev.myelin.nn.BatchNorm1d.class, LayerExports::batchNorm);
        table.put(dev.myelin.nn.conv.BatchNorm2d.class, LayerExports::batchNorm);
        table.put(LayerNorm.class, LayerExports::layerNorm);
        table.put(Embedding.class, LayerExports::embedding);
        table.put(Flatten.class, LayerExports::reshape);
        table.put(Unflatten.class, LayerExports::reshape);
        table.put(
                Mean.class,
                s -> s.node(
                        "ReduceMean",
                        s.input(),
                        ints("axes", s.axis(((Mean) s.module()).dim())),
                        attr("keepdims", ((Mean) s.module()).keepDim() ? 1L : 0L)));
        table.put(Select.class, s -> {
            Select m = (Select) s.module();
            if (s.axis(m.dim()) == 0)
                throw s.unsupported("selects from dim 0, the batch dimension, which is dynamic in the exported graph");
            return s.graph()
                    .node(
                            "Gather",
                            s.hint(),
                            List.of(s.input(), s.graph().longs(s.name("index"), new long[] {m.index()})),
                            attr("axis", (long) s.axis(m.dim())));
        });
    }

    /** Gemm for a matrix input (as torch.onnx writes it), MatMul with the transposed weight and Add for more dims. */
    private static String linear(ExportStep s) {
        Linear m = (Linear) s.module();
        if (s.in().shape().length == 2) {
            String w = s.graph().weight(s.name("weight"), m.weight());
            List<String> inputs = m.bias() == null
                    ? List.of(s.input(), w)
                    : List.of(s.input(), w, s.graph().weight(s.name("bias"), m.bias()));
            return s.graph().node("Gemm", s.hint(), inputs, attr("transB", 1L));
        }
        String y = s.op(
                "MatMul",
                s.input(),
                s.graph()
                        .weight(
                                s.name("weight") + ".T",
                                m.weight().transpose(0, 1).contiguous()));
        return m.bias() == null ? y : s.op("Add", y, s.graph().weight(s.name("bias"), m.bias()));
    }

    /** PReLU's slopes broadcast along dim 1 (channels): shape [C, 1, ...] for the input's trailing dims. */
    private static String prelu(ExportStep s) {
        Tensor w = ((PReLU) s.module()).weight();
        int rank = s.in().shape().length;
        int[] shape = new int[Math.max(1, rank - 1)];
        java.util.Arrays.fill(shape, 1);
        shape[0] = w.shape()[0];
        if (w.shape()[0] == 1) shape = new int[] {1};
        return s.op("PRelu", s.input(), s.graph().weight(s.name("weight"), w.reshape(shape)));
    }

    /** PyTorch's softplus: log(1 + e^(βx))/β, and x itself where βx exceeds the threshold. */
    private static String softplus(ExportStep s) {
        Softplus m = (Softplus) s.module();
        OnnxGraph g = s.graph();
        String bx = m.beta() == 1 ? s.input() : s.op("Mul", s.input(), g.scalarConstant((float) m.beta()));
        String sp = s.op("Softplus", bx);
        if (m.beta() != 1) sp = s.op("Div", sp, g.scalarConstant((float) m.beta()));
        return s.op("Where", s.op("Greater", bx, g.scalarConstant((float) m.threshold())), s.input(), sp);
    }

    /** GELU: x·Φ(x) = ½x(1 + erf(x/√2)), or the tanh form ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    private static String gelu(ExportStep s) {
        OnnxGraph g = s.graph();
        String x = s.input(), inner;
        if ("tanh".equals(((GELU) s.module()).approximate())) {
            String cube = s.op("Mul", s.op("Mul", x, x), x);
            String poly = s.op("Add", x, s.op("Mul", cube, g.scalarConstant(0.044715f)));
            inner = s.op("Tanh", s.op("Mul", poly, g.scalarConstant((float) Math.sqrt(2 / Math.PI))));
        } else {
            inner = s.op("Erf", s.op("Div", x, g.scalarConstant((float) Math.sqrt(2))));
        }
        String onePlus = s.op("Add", inner, g.scalarConstant(1));
        return s.op("Mul", s.op("Mul", x, onePlus), g.scalarConstant(0.5f));
    }

    /** Inference-mode batch norm with the running statistics (scale 1 and shift 0 when not affine). */
    private static String batchNorm(ExportStep s) {
        BatchNorm m = (BatchNorm) s.module();
        if (!m.trackRunningStats())
            throw s.unsupported(
                    "keeps no running statistics (trackRunningStats=false), so it normalizes with batch statistics at"
                            + " inference; ONNX BatchNormalization needs running statistics");
        OnnxGraph g = s.graph();
        int c = m.numFeatures();
        String scale = g.weight(s.name("weight"), m.affine() ? m.parameter("weight") : Tensor.ones(c));
        String bias = g.weight(s.name("bias"), m.affine() ? m.parameter("bias") : Tensor.zeros(c));
        String mean = g.weight(s.name("running_mean"), m.buffer("running_mean"));
        String var = g.weight(s.name("running_var"), m.buffer("running_var"));
        return g.node(
                "BatchNormalization", s.hint(), List.of(s.input(), scale, bias, mean, var), attr("epsilon", (float)
                        m.eps()));
    }

    private static String layerNorm(ExportStep s) {
        LayerNorm m = (LayerNorm) s.module();
        OnnxGraph g = s.graph();
        int[] shape = m.normalizedShape();
        String scale = g.weight(s.name("weight"), m.elementwiseAffine() ? m.parameter("weight") : Tensor.ones(shape));
        String bias = g.weight(s.name("bias"), m.elementwiseAffine() ? m.parameter("bias") : Tensor.zeros(shape));
        return g.node(
                "LayerNormalization",
                s.hint(),
                List.of(s.input(), scale, bias),
                attr("axis", (long) -shape.length),
                attr("epsilon", (float) m.eps()));
    }

    /** The ids arrive as floats (one tensor type in Myelin); Gather needs integers. */
    private static String embedding(ExportStep s) {
        String ids = s.node("Cast", s.input(), attr("to", (long) TensorProto.DataType.INT64_VALUE));
        return s.op("Gather", s.graph().weight(s.name("weight"), s.module().parameter("weight")), ids);
    }

    /**
     * Flatten and Unflatten as one Reshape to the sample output's shape, with 0 ("keep the input's size") for the
     * batch dimension so the graph takes any batch size.
     */
    private static String reshape(ExportStep s) {
        int[] out = s.out().shape();
        boolean keepsBatch = switch (s.module()) {
            case Flatten f -> s.in().shape().length == 0 || s.axis(f.startDim()) > 0;
            case Unflatten u -> s.axis(u.dim()) > 0;
            default -> throw new IllegalStateException(s.describe());
        };
        if (!keepsBatch && s.module() instanceof Unflatten)
            throw s.unsupported("splits dim 0, the batch dimension, which is dynamic in the exported graph");
        long[] shape = new long[out.length];
        for (int i = 0; i < out.length; i++) shape[i] = out[i];
        shape[0] = keepsBatch ? 0 : -1;
        return s.op("Reshape", s.input(), s.graph().longs(s.name("shape"), shape, shape.length));
    }
}

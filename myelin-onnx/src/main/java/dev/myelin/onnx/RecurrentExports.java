package dev.myelin.onnx;

import static dev.myelin.onnx.OnnxGraph.attr;
import static dev.myelin.onnx.OnnxGraph.ints;
import static dev.myelin.onnx.OnnxGraph.strings;

import dev.myelin.nn.Module;
import dev.myelin.nn.rnn.GRU;
import dev.myelin.nn.rnn.LSTM;
import dev.myelin.nn.rnn.RNN;
import dev.myelin.nn.rnn.RecurrentBase;
import dev.myelin.onnx.proto.Onnx.AttributeProto;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RNN, LSTM and GRU as ONNX's RNN, LSTM and GRU operators, one node per layer (ONNX's operators have one layer,
 * both directions). ONNX orders the gates differently (LSTM: i, o, f, c where PyTorch has i, f, g, o; GRU: z, r, h
 * where PyTorch has r, z, n), so the weight rows are reordered; a GRU computes as PyTorch with
 * {@code linear_before_reset=1}. The operators run time-major ([T, D, B, H] outputs), so a batch-first layer
 * transposes its input and output. The outputs are PyTorch's: output, h (and c), the final states [layers·D, B, H].
 */
final class RecurrentExports {
    private RecurrentExports() {}

    /** For each ONNX gate, the PyTorch gate whose rows it takes. */
    static final int[] RNN_ORDER = {0}, LSTM_ORDER = {0, 3, 1, 2}, GRU_ORDER = {1, 0, 2};

    static void addTo(Map<Class<? extends Module>, MultiExport> table) {
        table.put(RNN.class, s -> recurrent(s, "RNN", RNN_ORDER));
        table.put(LSTM.class, s -> recurrent(s, "LSTM", LSTM_ORDER));
        table.put(GRU.class, s -> recurrent(s, "GRU", GRU_ORDER));
    }

    /**
     * One direction's W [G·H, in], R [G·H, H] and, with a bias, B [2·G·H] (input bias then hidden bias) in ONNX's
     * gate order, from the parameters {@code weight_ih<suffix>}, ... of a recurrent layer or cell.
     */
    static List<Tensor> weights(Module m, String suffix, int[] order, int hidden, boolean bias) {
        List<Tensor> w = new ArrayList<>(List.of(
                reorder(m.parameter("weight_ih" + suffix), order, hidden),
                reorder(m.parameter("weight_hh" + suffix), order, hidden)));
        if (bias)
            w.add(Tensor.cat(
                    List.of(
                            reorder(m.parameter("bias_ih" + suffix), order, hidden),
                            reorder(m.parameter("bias_hh" + suffix), order, hidden)),
                    0));
        return w;
    }

    /** @param order for each ONNX gate, the PyTorch gate whose rows it takes */
    private static Map<String, String> recurrent(ExportStep s, String op, int[] order) {
        RecurrentBase m = (RecurrentBase) s.module();
        OnnxGraph g = s.graph();
        int hidden = m.hiddenSize(), dirs = m.bidirectional() ? 2 : 1;
        boolean lstm = m instanceof LSTM;
        String x = m.batchFirst() ? s.node("Transpose", s.input(), ints("perm", 1, 0, 2)) : s.input();
        List<String> hs = new ArrayList<>(), cs = new ArrayList<>();
        for (int layer = 0; layer < m.numLayers(); layer++) {
            List<Tensor> w = new ArrayList<>(), r = new ArrayList<>(), b = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                List<Tensor> one = weights(m, "_l" + layer + (d == 1 ? "_reverse" : ""), order, hidden, m.bias());
                w.add(one.get(0));
                r.add(one.get(1));
                if (m.bias()) b.add(one.get(2));
            }
            String name = s.name("l" + layer);
            List<String> inputs = new ArrayList<>(
                    List.of(x, g.weight(name + ".W", Tensor.stack(w, 0)), g.weight(name + ".R", Tensor.stack(r, 0))));
            if (m.bias()) inputs.add(g.weight(name + ".B", Tensor.stack(b, 0)));
            List<AttributeProto> attrs = new ArrayList<>(List.of(
                    attr("hidden_size", (long) hidden), attr("direction", dirs == 2 ? "bidirectional" : "forward")));
            if (m instanceof RNN rnn) {
                String f = rnn.nonlinearity().equals("relu") ? "Relu" : "Tanh";
                attrs.add(dirs == 2 ? strings("activations", f, f) : strings("activations", f));
            }
            if (m instanceof GRU) attrs.add(attr("linear_before_reset", 1L));
            List<String> out = g.nodeOutputs(op, s.hint(), inputs, lstm ? 3 : 2, attrs.toArray(AttributeProto[]::new));
            // Y [T, D, B, H] -> [T, B, D·H], the next layer's input
            x = s.op(
                    "Reshape",
                    s.node("Transpose", out.get(0), ints("perm", 0, 2, 1, 3)),
                    g.longs(s.name("shape"), new long[] {0, 0, -1}, 3));
            hs.add(out.get(1));
            if (lstm) cs.add(out.get(2));
        }
        Map<String, String> result = new LinkedHashMap<>();
        result.put("output", m.batchFirst() ? s.node("Transpose", x, ints("perm", 1, 0, 2)) : x);
        result.put("h", concat(s, hs));
        if (lstm) result.put("c", concat(s, cs));
        return result;
    }

    private static String concat(ExportStep s, List<String> states) {
        return states.size() == 1 ? states.getFirst() : s.graph().node("Concat", s.hint(), states, attr("axis", 0L));
    }

    /** The gate blocks of a [G·H, ...] weight or [G·H] bias in ONNX's order. */
    private static Tensor reorder(Tensor t, int[] order, int hidden) {
        List<Tensor> blocks = new ArrayList<>();
        for (int gate : order) blocks.add(t.narrow(0, gate * hidden, hidden));
        return Tensor.cat(blocks, 0).contiguous();
    }
}

package dev.myelin.onnx;

import static dev.myelin.onnx.OnnxGraph.attr;
import static dev.myelin.onnx.OnnxGraph.strings;

import dev.myelin.nn.Module;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.rnn.CellBase;
import dev.myelin.nn.rnn.GRUCell;
import dev.myelin.nn.rnn.LSTMCell;
import dev.myelin.nn.rnn.RNNCell;
import dev.myelin.onnx.OnnxExporter.Emitted;
import dev.myelin.onnx.proto.Onnx.AttributeProto;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RNNCell, LSTMCell and GRUCell as one step (seq_length 1) of ONNX's RNN, LSTM and GRU operators, with the
 * weights converted as for the layers ({@link RecurrentExports#weights}). The graph inputs are the cell's call
 * inputs: x [N, I] (or [I]), then optionally h and, for an LSTM cell, c, each [N, H] (or [H]). x and the states
 * are unsqueezed to [1, N, ·]; a state not given is left out of the node, which ONNX defines as zeros of the
 * input's batch size. The outputs Y_h (and Y_c) [1, N, H] are squeezed back to the cell's h (and c).
 */
final class CellExports {
    private CellExports() {}

    static void addInputsTo(Map<Class<? extends Module>, InputsExport> table) {
        table.put(RNNCell.class, (s, in) -> cell(s, in, "RNN", RecurrentExports.RNN_ORDER));
        table.put(LSTMCell.class, (s, in) -> cell(s, in, "LSTM", RecurrentExports.LSTM_ORDER));
        table.put(GRUCell.class, (s, in) -> cell(s, in, "GRU", RecurrentExports.GRU_ORDER));
    }

    /** In a GraphModule, a cell node reads x alone (zero states); its outputs are {@code cell.h} (and {@code cell.c}). */
    static void addTo(Map<Class<? extends Module>, MultiExport> table) {
        table.put(RNNCell.class, s -> named(s, "RNN", RecurrentExports.RNN_ORDER));
        table.put(LSTMCell.class, s -> named(s, "LSTM", RecurrentExports.LSTM_ORDER));
        table.put(GRUCell.class, s -> named(s, "GRU", RecurrentExports.GRU_ORDER));
    }

    private static Map<String, String> named(ExportStep s, String op, int[] order) {
        List<Emitted> out = cell(s, List.of(new Emitted(s.input(), s.in())), op, order);
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("h", out.get(0).name());
        if (out.size() > 1) names.put("c", out.get(1).name());
        return names;
    }

    private static List<Emitted> cell(ExportStep s, List<Emitted> in, String op, int[] order) {
        CellBase m = (CellBase) s.module();
        boolean lstm = m instanceof LSTMCell;
        int states = lstm ? 2 : 1;
        if (in.size() > 1 + states)
            throw s.unsupported("takes the input and at most " + states + " state" + (lstm ? "s (h, c)" : " (h)")
                    + ", got " + in.size() + " graph inputs");
        OnnxGraph g = s.graph();
        int hidden = m.hiddenSize();
        // a batch [N, I] gets the sequence axis; one unbatched example [I] gets both
        long[] axes = in.getFirst().sample().dim() == 1 ? new long[] {0, 1} : new long[] {0};
        String unsqueeze = g.longs(s.name("axes"), axes, axes.length);
        List<Tensor> w = RecurrentExports.weights(m, "", order, hidden, m.bias());
        String name = s.name("cell");
        List<String> inputs = new ArrayList<>(List.of(
                s.op("Unsqueeze", in.getFirst().name(), unsqueeze),
                g.weight(name + ".W", w.get(0).unsqueeze(0)),
                g.weight(name + ".R", w.get(1).unsqueeze(0)),
                m.bias() ? g.weight(name + ".B", w.get(2).unsqueeze(0)) : "",
                "")); // sequence_lens: every sequence has length 1
        for (int i = 1; i < in.size(); i++)
            inputs.add(s.op("Unsqueeze", in.get(i).name(), unsqueeze));
        while (inputs.getLast().isEmpty()) inputs.removeLast(); // trailing optional inputs are left out
        List<AttributeProto> attrs = new ArrayList<>(List.of(attr("hidden_size", (long) hidden)));
        if (m instanceof RNNCell rnn)
            attrs.add(strings("activations", rnn.nonlinearity().equals("relu") ? "Relu" : "Tanh"));
        if (m instanceof GRUCell) attrs.add(attr("linear_before_reset", 1L));
        List<String> out = g.nodeOutputs(op, s.hint(), inputs, lstm ? 3 : 2, attrs.toArray(AttributeProto[]::new));
        Tensor[] samples = new Tensor[in.size()];
        for (int i = 0; i < samples.length; i++) samples[i] = in.get(i).sample();
        Outputs sample = m.call(samples);
        List<Emitted> result = new ArrayList<>();
        for (int k = 0; k < states; k++)
            result.add(new Emitted(s.op("Squeeze", out.get(1 + k), unsqueeze), sample.get(k)));
        return result;
    }
}

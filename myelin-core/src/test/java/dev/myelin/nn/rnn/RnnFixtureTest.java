package dev.myelin.nn.rnn;

import static dev.myelin.testing.Fixtures.assertClose;
import static dev.myelin.testing.Fixtures.load;
import static dev.myelin.testing.Fixtures.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recurrent layers and cells against PyTorch 1.13 (fixtures/rnn.json from src/test/python/rnn.py): with
 * torch's parameters loaded, outputs, final states and the gradients of Σ output·wo + Σ h·wh (+ Σ c·wc) with
 * respect to the input, the initial states and every parameter, for every option (layers, directions, batch
 * first, bias off, relu, initial states, lengths, dropout in eval mode, unbatched input); and the printout.
 */
class RnnFixtureTest {
    private static final JsonNode FIX = load("rnn");
    private static final double RTOL = 1e-4, ATOL = 2e-5;

    static Stream<String> layerCases() {
        List<String> names = new ArrayList<>();
        FIX.get("layers").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    static Stream<String> cellCases() {
        List<String> names = new ArrayList<>();
        FIX.get("cells").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @Test
    void everyOptionIsCovered() {
        assertThat(layerCases().toList())
                .contains(
                        "rnn_relu",
                        "lstm_2layers_bidirectional_batch_first",
                        "gru_no_bias",
                        "lstm_lengths_2layers_bidirectional_h0",
                        "gru_eval_dropout",
                        "rnn_unbatched");
        assertThat(cellCases().toList()).contains("rnncell_relu", "lstmcell_no_bias", "grucell_unbatched");
    }

    @ParameterizedTest
    @MethodSource("layerCases")
    void layerMatchesTorch(String name) {
        JsonNode c = FIX.get("layers").get(name);
        RecurrentBase m = layer(c);
        m.loadStateDict(params(c));
        m.eval();
        assertThat(m.toString()).isEqualTo(c.get("repr").asText());
        Tensor x = tensor(c.get("x")).requiresGrad(true);
        Tensor h0 = optionalLeaf(c, "h0"), c0 = optionalLeaf(c, "c0");
        int[] lengths = c.has("lengths") ? ints(c.get("lengths")) : null;
        Tensor out, h, cn = null;
        if (m instanceof LSTM lstm) {
            LstmOutput r = lstm.forward(x, h0, c0, lengths);
            out = r.output();
            h = r.h();
            cn = r.c();
        } else {
            RnnOutput r = m instanceof RNN rnn ? rnn.forward(x, h0, lengths) : ((GRU) m).forward(x, h0, lengths);
            out = r.output();
            h = r.h();
        }
        assertClose(name + " output", out, tensor(c.get("output")), RTOL, ATOL);
        assertClose(name + " h", h, tensor(c.get("h")), RTOL, ATOL);
        Tensor loss = out.mul(tensor(c.get("wo")))
                .sum()
                .add(h.mul(tensor(c.get("wh"))).sum());
        if (cn != null) {
            assertClose(name + " c", cn, tensor(c.get("c")), RTOL, ATOL);
            loss = loss.add(cn.mul(tensor(c.get("wc"))).sum());
        }
        loss.backward();
        assertGrads(name, m, c, x, h0, c0);
    }

    @ParameterizedTest
    @MethodSource("cellCases")
    void cellMatchesTorch(String name) {
        JsonNode c = FIX.get("cells").get(name);
        CellBase m = cell(c);
        m.loadStateDict(params(c));
        assertThat(m.toString()).isEqualTo(c.get("repr").asText());
        Tensor x = tensor(c.get("x")).requiresGrad(true);
        Tensor h0 = optionalLeaf(c, "h0"), c0 = optionalLeaf(c, "c0");
        Tensor h, cn = null;
        if (m instanceof LSTMCell lstm) {
            LstmState s = lstm.forward(x, h0, c0);
            h = s.h();
            cn = s.c();
        } else h = m instanceof RNNCell rnn ? rnn.forward(x, h0) : ((GRUCell) m).forward(x, h0);
        assertClose(name + " h", h, tensor(c.get("h")), RTOL, ATOL);
        Tensor loss = h.mul(tensor(c.get("wh"))).sum();
        if (cn != null) {
            assertClose(name + " c", cn, tensor(c.get("c")), RTOL, ATOL);
            loss = loss.add(cn.mul(tensor(c.get("wc"))).sum());
        }
        loss.backward();
        assertGrads(name, m, c, x, h0, c0);
    }

    private static void assertGrads(String name, Module m, JsonNode c, Tensor x, Tensor h0, Tensor c0) {
        assertClose(name + " grad x", x.grad(), tensor(c.get("grad_x")), RTOL, ATOL);
        if (h0 != null) assertClose(name + " grad h0", h0.grad(), tensor(c.get("grad_h0")), RTOL, ATOL);
        if (c0 != null) assertClose(name + " grad c0", c0.grad(), tensor(c.get("grad_c0")), RTOL, ATOL);
        JsonNode grads = c.get("grads");
        assertThat(m.namedParameters().keySet())
                .as("parameter names in torch's order")
                .containsExactlyElementsOf(names(c.get("param_names")));
        m.namedParameters()
                .forEach((p, t) -> assertClose(name + " grad " + p, t.grad(), tensor(grads.get(p)), RTOL, ATOL));
    }

    static RecurrentBase layer(JsonNode c) {
        Generator gen = new Generator(0);
        int in = c.get("inputSize").asInt(),
                hid = c.get("hiddenSize").asInt(),
                layers = c.get("numLayers").asInt();
        boolean bias = c.get("bias").asBoolean(),
                bf = c.get("batchFirst").asBoolean(),
                bi = c.get("bidirectional").asBoolean();
        double p = c.get("dropout").asDouble();
        return switch (c.get("kind").asText()) {
            case "RNN" -> new RNN(in, hid, layers, c.get("nonlinearity").asText(), bias, bf, p, bi, gen);
            case "LSTM" -> new LSTM(in, hid, layers, bias, bf, p, bi, gen);
            default -> new GRU(in, hid, layers, bias, bf, p, bi, gen);
        };
    }

    static CellBase cell(JsonNode c) {
        Generator gen = new Generator(0);
        int in = c.get("inputSize").asInt(), hid = c.get("hiddenSize").asInt();
        boolean bias = c.get("bias").asBoolean();
        return switch (c.get("kind").asText()) {
            case "RNNCell" -> new RNNCell(in, hid, bias, c.get("nonlinearity").asText(), gen);
            case "LSTMCell" -> new LSTMCell(in, hid, bias, gen);
            default -> new GRUCell(in, hid, bias, gen);
        };
    }

    static Map<String, Tensor> params(JsonNode c) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        c.get("params").fields().forEachRemaining(e -> state.put(e.getKey(), tensor(e.getValue())));
        return state;
    }

    private static Tensor optionalLeaf(JsonNode c, String key) {
        return c.has(key) ? tensor(c.get(key)).requiresGrad(true) : null;
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}

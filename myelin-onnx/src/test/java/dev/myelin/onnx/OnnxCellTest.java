package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.Module;
import dev.myelin.nn.rnn.GRUCell;
import dev.myelin.nn.rnn.LSTMCell;
import dev.myelin.nn.rnn.RNNCell;
import dev.myelin.tensor.Generator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recurrent cells as one step of ONNX's RNN, LSTM and GRU operators: ONNX Runtime's h (and c) equal the cell's
 * within 1e-5 at batch sizes 1, 3 and 8, from zero states (no state input) and from given ones.
 */
class OnnxCellTest {
    private static final int IN = 5, HIDDEN = 4;

    private static List<GraphInput> inputs(int states) {
        List<GraphInput> all = List.of(
                GraphInput.batchFirst("x", IN), GraphInput.batchFirst("h", HIDDEN), GraphInput.batchFirst("c", HIDDEN));
        return all.subList(0, 1 + states);
    }

    @ParameterizedTest(name = "{0}, bias={1}, states={2}")
    @CsvSource({"tanh,true,0", "tanh,true,1", "relu,true,0", "relu,true,1", "tanh,false,1", "relu,false,0"})
    void rnnCell(String nonlinearity, boolean bias, int states) throws Exception {
        Module m = new RNNCell(IN, HIDDEN, bias, nonlinearity, new Generator(31));
        OnnxMultiInputTest.check("RNNCell " + nonlinearity, m, inputs(states));
    }

    @ParameterizedTest(name = "bias={0}, states={1}")
    @CsvSource({"true,0", "true,1", "true,2", "false,2", "false,0"})
    void lstmCell(boolean bias, int states) throws Exception {
        Module m = new LSTMCell(IN, HIDDEN, bias, new Generator(32));
        OnnxMultiInputTest.check("LSTMCell", m, inputs(states));
    }

    @ParameterizedTest(name = "bias={0}, states={1}")
    @CsvSource({"true,0", "true,1", "false,1", "false,0"})
    void gruCell(boolean bias, int states) throws Exception {
        Module m = new GRUCell(IN, HIDDEN, bias, new Generator(33));
        OnnxMultiInputTest.check("GRUCell", m, inputs(states));
    }

    @ParameterizedTest(name = "states={0}")
    @ValueSource(ints = {0, 2})
    void anUnbatchedLstmStep(int states) throws Exception {
        Module m = new LSTMCell(IN, HIDDEN, new Generator(34));
        List<GraphInput> in =
                List.of(new GraphInput("x", -1, IN), new GraphInput("h", -1, HIDDEN), new GraphInput("c", -1, HIDDEN));
        OnnxMultiInputTest.check("unbatched LSTMCell", m, in.subList(0, 1 + states));
    }

    /** A GraphModule node reads x alone: the cell steps from zero states and the next node reads one of its outputs. */
    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"LSTMCell,c", "LSTMCell,h", "GRUCell,h", "RNNCell,h"})
    void aCellInAGraphModuleFromZeroStates(String type, String output) throws Exception {
        Module m = dev.myelin.nn.Architecture.fromJson(
                "{\"type\":\"GraphModule\",\"inputs\":[\"x\"],\"nodes\":["
                        + "{\"name\":\"cell\",\"module\":{\"type\":\"" + type + "\",\"inputSize\":" + IN
                        + ",\"hiddenSize\":" + HIDDEN + "},\"inputs\":[\"x\"]},"
                        + "{\"name\":\"fc\",\"module\":" + OnnxExportTest.lin(HIDDEN, 3) + ",\"inputs\":[\"cell."
                        + output + "\"]}],\"outputs\":[\"fc\"]}",
                new Generator(35));
        OnnxExportTest.check(type + " in a graph", m, new int[] {IN});
    }

    @Test
    void theOutputsAreTheCellsStates() {
        var graph = OnnxExporter.toModel(new LSTMCell(IN, HIDDEN, new Generator(1)), inputs(0))
                .getGraph();
        assertThat(graph.getOutputList().stream().map(o -> o.getName())).containsExactly("h", "c");
        assertThat(graph.getOutput(0)
                        .getType()
                        .getTensorType()
                        .getShape()
                        .getDim(0)
                        .getDimParam())
                .isEqualTo("batch");
    }

    @Test
    void aStateTooManyIsNamed() {
        Module m = new GRUCell(IN, HIDDEN, new Generator(1));
        assertThatThrownBy(() -> OnnxExporter.toModel(m, inputs(2)))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("GRUCell");
    }
}

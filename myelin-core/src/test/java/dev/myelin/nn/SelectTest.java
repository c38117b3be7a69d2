package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.rnn.LSTM;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Select picks one step of a sequence; with it a recurrent classifier is architecture JSON. */
class SelectTest {

    @Test
    void selectsTheLastStepAndSendsTheGradientThereOnly() {
        Tensor x = Tensor.arange(2 * 3 * 2).reshape(2, 3, 2).requiresGrad(true);
        Tensor last = new Select(1, -1).forward(x);
        assertThat(last.shape()).containsExactly(2, 2);
        assertThat(last.toArray()).containsExactly(4, 5, 10, 11);
        last.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1);
        assertThat(new Select(1, -1).toString()).isEqualTo("Select(dim=1, index=-1)");
        assertThatThrownBy(() -> new Select(1, 3).forward(Tensor.zeros(2, 3, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("Select: index 3 is out of range for dim 1 of input shape [2, 3, 2]");
    }

    @Test
    void anLstmClassifierIsAGraphOfRegisteredModules() {
        Generator gen = new Generator(3);
        GraphModule net = new GraphModule(
                List.of("x"),
                List.of(
                        new GraphModule.Node("sequence", new Unflatten(1, 4, 3), List.of("x")),
                        new GraphModule.Node("lstm", new LSTM(3, 5, 1, true, true, 0, false, gen), List.of("sequence")),
                        new GraphModule.Node("last", new Select(1, -1), List.of("lstm.output")),
                        new GraphModule.Node("fc", new Linear(5, 2, gen), List.of("last"))),
                List.of("fc"));
        Tensor x = Tensor.randn(gen, 6, 12);
        Tensor out = net.forward(x);
        assertThat(out.shape()).containsExactly(6, 2);
        // the same numbers as the layers called by hand: the LSTM's last step, then the linear layer
        Tensor byHand = ((Linear) net.namedChildren().get("fc"))
                .forward(((LSTM) net.namedChildren().get("lstm"))
                        .forward(x.reshape(6, 4, 3), null)
                        .output()
                        .select(1, 3));
        assertThat(out.toArray()).containsExactly(byHand.toArray());
        Module rebuilt = Architecture.fromJson(Architecture.toJson(net), new Generator(9));
        rebuilt.loadStateDict(net.stateDict());
        assertThat(rebuilt.forward(x).toArray()).containsExactly(out.toArray());
    }
}

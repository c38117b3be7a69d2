package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Mean pools a sequence over its steps; with it a Transformer classifier is architecture JSON. */
class MeanTest {

    @Test
    void averagesTheStepsAndSpreadsTheGradientEvenly() {
        Tensor x = Tensor.arange(2 * 3 * 2).reshape(2, 3, 2).requiresGrad(true);
        Tensor m = new Mean(1).forward(x);
        assertThat(m.shape()).containsExactly(2, 2);
        assertThat(m.toArray()).containsExactly(2, 3, 8, 9);
        m.sum().backward();
        for (float g : x.grad().toArray()) assertThat(g).isEqualTo(1f / 3);
        assertThat(new Mean(-1, true).forward(Tensor.zeros(2, 3, 4)).shape()).containsExactly(2, 3, 1);
        assertThat(new Mean(1).toString()).isEqualTo("Mean(dim=1)");
        assertThatThrownBy(() -> new Mean(3).forward(Tensor.zeros(2, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Mean: dim 3 is out of range");
        assertThatThrownBy(() -> new Mean(0).forward(Tensor.scalar(1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("Mean: expected an input with dim 0, got a scalar");
    }
}

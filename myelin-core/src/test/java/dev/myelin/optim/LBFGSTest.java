package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.autograd.NoGrad;
import dev.myelin.loss.BCEWithLogitsLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Linear;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LBFGS with its closure against torch.optim.LBFGS (src/test/python/lbfgs.py) on two convex problems. */
class LBFGSTest {
    @Test
    void reachesTorchsMinimumThroughTheClosure() {
        for (JsonNode c : Fixtures.load("lbfgs").get("cases")) {
            Tensor x = Fixtures.tensor(c.get("x")), y = Fixtures.tensor(c.get("y"));
            int in = x.size(1);
            Linear model = new Linear(in, 1, new Generator(0));
            try (var ignored = NoGrad.enter()) {
                model.weight().copy_(Fixtures.tensor(c.get("weight0")));
                model.bias().copy_(Fixtures.tensor(c.get("bias0")));
            }
            Loss lossFn = c.get("name").asText().equals("logistic") ? new BCEWithLogitsLoss() : new MSELoss();
            LBFGS opt = new LBFGS(model.parameters(), 1).maxIter(20);
            LBFGS.Closure closure = () -> {
                opt.zeroGrad();
                Tensor loss = lossFn.forward(model.forward(x), y);
                loss.backward();
                return loss;
            };
            float first = opt.step(closure);
            assertThat((double) first)
                    .as(c.get("name").asText())
                    .isCloseTo(c.get("first_loss").asDouble(), within(1e-5));
            for (int i = 0; i < 9; i++) opt.step(closure);
            Fixtures.assertClose(
                    c.get("name").asText() + " weight", model.weight(), Fixtures.tensor(c.get("weight")), 1e-3, 1e-3);
            Fixtures.assertClose(
                    c.get("name").asText() + " bias", model.bias(), Fixtures.tensor(c.get("bias")), 1e-3, 1e-3);
            try (var ignored = NoGrad.enter()) {
                assertThat((double) lossFn.forward(model.forward(x), y).item())
                        .isCloseTo(c.get("loss").asDouble(), within(1e-5));
            }
        }
    }

    @Test
    void needsAClosureAndOneGroup() {
        Linear model = new Linear(2, 1, new Generator(0));
        LBFGS opt = new LBFGS(model.parameters(), 1);
        assertThatThrownBy(() -> opt.step(null)).hasMessageContaining("needs one");
        assertThatThrownBy(() -> new LBFGS(
                                List.of(ParamGroup.of(List.of(model.weight())), ParamGroup.of(List.of(model.bias()))),
                                1)
                        .step(() -> null))
                .hasMessageContaining("parameter groups");
        assertThatThrownBy(() -> new LBFGS(model.parameters(), 1).maxIter(0))
                .hasMessageContaining("maxIter must be >= 1");
    }
}

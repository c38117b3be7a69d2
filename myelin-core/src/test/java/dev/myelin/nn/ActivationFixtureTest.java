package dev.myelin.nn;

import static dev.myelin.testing.Fixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The activations against torch 1.13 (fixture activations_losses.json, written by
 * src/test/python/activations_losses.py): values, input gradients at inputs that include the kinks and
 * large magnitudes, and second derivatives (double backward) through the tensor-op derivative path.
 */
class ActivationFixtureTest {
    private static final JsonNode FIXTURE = Fixtures.load("activations_losses");

    /** A public functional op and the elementwise definition behind it. */
    private record Act(UnaryOperator<Tensor> f, Elementwise e) {}

    private static Map<String, Act> activations() {
        Map<String, Act> m = new LinkedHashMap<>();
        m.put("silu", new Act(F::silu, F.SILU));
        m.put("mish", new Act(F::mish, F.MISH));
        m.put("hardswish", new Act(F::hardswish, F.HARDSWISH));
        m.put("hardsigmoid", new Act(F::hardsigmoid, F.HARDSIGMOID));
        m.put("relu6", new Act(F::relu6, F.RELU6));
        m.put("selu", new Act(F::selu, F.SELU_FN));
        m.put("celu", new Act(x -> F.celu(x, 1), F.celuOf(1)));
        m.put("celu_0.5", new Act(x -> F.celu(x, 0.5), F.celuOf(0.5)));
        m.put("logsigmoid", new Act(F::logSigmoid, F.LOG_SIGMOID));
        m.put("softsign", new Act(F::softsign, F.SOFTSIGN));
        m.put("gelu", new Act(F::gelu, F.GELU_NONE));
        m.put("gelu_tanh", new Act(x -> F.gelu(x, "tanh"), F.GELU_TANH));
        m.put("elu_0.5", new Act(x -> F.elu(x, 0.5), F.eluOf(0.5, 1)));
        m.put("leaky_relu_0.2", new Act(x -> F.leakyRelu(x, 0.2), F.leakyReluOf(0.2)));
        m.put("softplus", new Act(x -> F.softplus(x, 1, 20), F.softplusOf(1, 20)));
        m.put("softplus_2_3", new Act(x -> F.softplus(x, 2, 3), F.softplusOf(2, 3)));
        return m;
    }

    @Test
    void valuesAndGradientsMatchTorchIncludingKinks() {
        JsonNode values = FIXTURE.get("activations").get("values");
        Map<String, Act> acts = activations();
        Iterable<String> names = values::fieldNames;
        assertThat(acts.keySet()).containsExactlyInAnyOrderElementsOf(names); // every fixture is checked
        for (var e : acts.entrySet()) {
            JsonNode ref = values.get(e.getKey());
            Tensor x = Fixtures.tensor(FIXTURE.get("activations").get("x")).requiresGrad(true);
            Tensor y = e.getValue().f().apply(x);
            assertClose(e.getKey() + " value", y, Fixtures.tensor(ref.get("y")), 1e-5, 1e-6);
            y.sum().backward();
            assertClose(e.getKey() + " gradient", x.grad(), Fixtures.tensor(ref.get("grad")), 1e-5, 1e-6);
            // the tensor-op derivative (taken when backward runs with grad mode on) agrees at the kinks too
            Tensor x2 = Fixtures.tensor(FIXTURE.get("activations").get("x"));
            assertClose(
                    e.getKey() + " tensor-op derivative",
                    e.getValue().e().derivative(x2),
                    Fixtures.tensor(ref.get("grad")),
                    1e-5,
                    1e-6);
        }
    }

    @Test
    void secondDerivativesThroughTheTensorOpPathMatchTorchDoubleBackward() {
        JsonNode values = FIXTURE.get("activations").get("values");
        for (var e : activations().entrySet()) {
            JsonNode second = values.get(e.getKey()).get("second");
            Tensor x =
                    Fixtures.tensor(FIXTURE.get("activations").get("smooth_x")).requiresGrad(true);
            Tensor firstDerivative =
                    e.getValue().e().gradient(Tensor.onesLike(x), x); // grad mode on: tensor ops, recorded
            // piecewise-linear functions have a piecewise-constant derivative, which depends on x through no op
            if (firstDerivative.requiresGrad()) firstDerivative.sum().backward();
            Tensor expected = second.isNull()
                    ? Tensor.zerosLike(x)
                    : Fixtures.tensor(second); // torch lacks hardsigmoid's; it is 0 off the kinks
            Tensor actual = x.grad() == null ? Tensor.zerosLike(x) : x.grad();
            assertClose(e.getKey() + " second derivative", actual, expected, 1e-4, 1e-5);
        }
    }

    @Test
    void gradientOfTheRecordedBackwardIsTheSameWithGradModeOn() {
        Tensor x = Fixtures.tensor(FIXTURE.get("activations").get("x"));
        Tensor g = Tensor.linspace(-2, 3, x.numel());
        for (var e : activations().entrySet()) {
            Tensor fast = x.copy().requiresGrad(true), graph = x.copy().requiresGrad(true);
            Tensor yFast = e.getValue().f().apply(fast),
                    yGraph = e.getValue().f().apply(graph);
            try (var ignored = NoGrad.enter()) {
                yFast.gradFn().backward().apply(g); // the normal backward: raw arrays
            }
            yGraph.gradFn().backward().apply(g); // grad mode on, as backward(createGraph=true) will run it: tensor ops
            assertClose(e.getKey() + " backward with grad mode on", graph.grad(), fast.grad(), 1e-6, 1e-6);
        }
    }

    @Test
    void modulesPrintAsTorchAndComputeTheirFunction() {
        // repr(nn.SiLU()), repr(nn.CELU(0.5)), ... in torch 1.13
        assertThat(new SiLU()).hasToString("SiLU()");
        assertThat(new Mish()).hasToString("Mish()");
        assertThat(new Hardswish()).hasToString("Hardswish()");
        assertThat(new Hardsigmoid()).hasToString("Hardsigmoid()");
        assertThat(new ReLU6()).hasToString("ReLU6()");
        assertThat(new SELU()).hasToString("SELU()");
        assertThat(new CELU(0.5)).hasToString("CELU(alpha=0.5)");
        assertThat(new CELU()).hasToString("CELU(alpha=1.0)");
        assertThat(new PReLU(3)).hasToString("PReLU(num_parameters=3)");
        assertThat(new LogSigmoid()).hasToString("LogSigmoid()");
        assertThat(new Softsign()).hasToString("Softsign()");
        assertThat(new GELU("tanh")).hasToString("GELU(approximate='tanh')");
        assertThat(new GELU()).hasToString("GELU(approximate='none')");
        Tensor x = Fixtures.tensor(FIXTURE.get("activations").get("x"));
        Map<String, Act> acts = activations();
        Map<Activation, String> byKey = Map.of(
                Activation.SILU,
                "silu",
                Activation.MISH,
                "mish",
                Activation.HARDSWISH,
                "hardswish",
                Activation.HARDSIGMOID,
                "hardsigmoid",
                Activation.RELU6,
                "relu6",
                Activation.SELU,
                "selu",
                Activation.CELU,
                "celu",
                Activation.LOG_SIGMOID,
                "logsigmoid",
                Activation.SOFTSIGN,
                "softsign",
                Activation.GELU_TANH,
                "gelu_tanh");
        byKey.forEach((a, name) -> assertThat(a.apply(x).data())
                .as(name)
                .containsExactly(acts.get(name).f().apply(x).data()));
        assertThatThrownBy(() -> new GELU("fast")).hasMessageContaining("fast");
        assertThatThrownBy(() -> new CELU(0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new PReLU(0)).hasMessageContaining("numParameters");
    }

    @Test
    void preluMatchesTorch() {
        for (String name : new String[] {"shared", "channels"}) {
            JsonNode ref = FIXTURE.get("prelu").get(name);
            Tensor x = Fixtures.tensor(ref.get("x"));
            PReLU m = new PReLU(ref.get("weight").get("data").size());
            System.arraycopy(
                    Fixtures.tensor(ref.get("weight")).data(), 0, m.weight().data(), 0, m.numParameters());
            Tensor xg = x.requiresGrad(true);
            Tensor y = m.forward(xg);
            assertClose("prelu " + name + " value", y, Fixtures.tensor(ref.get("y")), 1e-6, 1e-6);
            y.mul(Fixtures.tensor(ref.get("r"))).sum().backward();
            assertClose("prelu " + name + " input gradient", xg.grad(), Fixtures.tensor(ref.get("grad")), 1e-5, 1e-6);
            assertClose(
                    "prelu " + name + " weight gradient",
                    m.weight().grad(),
                    Fixtures.tensor(ref.get("weight_grad")),
                    1e-5,
                    1e-5);
        }
    }
}

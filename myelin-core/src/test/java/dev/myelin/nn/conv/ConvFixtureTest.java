package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.autograd.Autograd;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Conv1d, Conv2d and ConvTranspose2d over their options against PyTorch 1.13 (src/test/python/conv.py). */
class ConvFixtureTest {
    private static final JsonNode FIXTURE = Fixtures.load("conv");

    static Stream<String> cases() {
        List<String> names = new ArrayList<>();
        FIXTURE.fieldNames().forEachRemaining(n -> {
            if (n.startsWith("conv")) names.add(n);
        });
        assertThat(names).hasSizeGreaterThan(20);
        return names.stream();
    }

    /** The case's layer, built from its architecture JSON, with torch's weight and bias. */
    private static Module layer(JsonNode c) {
        Module m = Architecture.fromJson(c.get("spec").toString());
        Map<String, Tensor> state = new HashMap<>();
        state.put("weight", Fixtures.tensor(c.get("weight")));
        if (c.has("bias")) state.put("bias", Fixtures.tensor(c.get("bias")));
        m.loadStateDict(state);
        return m;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputAndGradientsMatchTorch(String name) {
        JsonNode c = FIXTURE.get(name);
        Module m = layer(c);
        assertThat(m.toString()).as(name + " repr").isEqualTo(c.get("repr").asText());
        Tensor x = Fixtures.tensor(c.get("x")).requiresGrad(true);
        Tensor y = m.forward(x);
        Fixtures.assertClose(name + " output", y, Fixtures.tensor(c.get("out")), 1e-4, 1e-5);
        y.mul(Fixtures.tensor(c.get("r"))).sum().backward();
        Fixtures.assertClose(name + " grad x", x.grad(), Fixtures.tensor(c.get("grad_x")), 1e-4, 1e-5);
        Fixtures.assertClose(
                name + " grad weight", m.parameter("weight").grad(), Fixtures.tensor(c.get("grad_weight")), 1e-4, 1e-5);
        if (c.has("bias"))
            Fixtures.assertClose(
                    name + " grad bias", m.parameter("bias").grad(), Fixtures.tensor(c.get("grad_bias")), 1e-4, 1e-5);
        else assertThat(m.hasParameter("bias")).isFalse();
    }

    /** Gradients of a penalty on the gradients (createGraph) match torch's second derivatives. */
    @Test
    void secondDerivativesMatchTorch() {
        secondDerivatives(
                "double_conv2d",
                new Conv2d(
                        4,
                        4,
                        new int[] {3, 3},
                        new int[] {2, 2},
                        ConvPadding.of(1, 1),
                        new int[] {1, 1},
                        2,
                        true,
                        PaddingMode.ZEROS,
                        new dev.myelin.tensor.Generator(0)));
        secondDerivatives(
                "double_convT2d",
                new ConvTranspose2d(
                        2,
                        4,
                        new int[] {3, 3},
                        new int[] {2, 2},
                        new int[] {1, 1},
                        new int[] {1, 1},
                        2,
                        true,
                        new int[] {1, 1},
                        new dev.myelin.tensor.Generator(0)));
    }

    private static void secondDerivatives(String name, ConvNd m) {
        JsonNode c = FIXTURE.get(name);
        m.loadStateDict(Map.of("weight", Fixtures.tensor(c.get("weight")), "bias", Fixtures.tensor(c.get("bias"))));
        Tensor x = Fixtures.tensor(c.get("x")).requiresGrad(true);
        Tensor y = m.forward(x);
        List<Tensor> g =
                Autograd.grad(List.of(y.mul(Fixtures.tensor(c.get("r"))).sum()), List.of(x, m.weight()), null, true);
        Tensor penalty =
                g.get(1).pow(2f).sum().add(g.get(0).pow(2f).sum()).add(y.pow(2f).sum());
        assertThat((double) penalty.item())
                .isCloseTo(c.get("penalty").asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-3));
        List<Tensor> d = Autograd.grad(List.of(penalty), List.of(x, m.weight(), m.bias()), null, false);
        Fixtures.assertClose(name + " d/dx", d.get(0), Fixtures.tensor(c.get("grad_x")), 1e-3, 1e-4);
        Fixtures.assertClose(name + " d/dw", d.get(1), Fixtures.tensor(c.get("grad_weight")), 1e-3, 1e-4);
        Fixtures.assertClose(name + " d/db", d.get(2), Fixtures.tensor(c.get("grad_bias")), 1e-3, 1e-4);
    }
}

package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Outputs and gradients of the pooling, upsampling and BatchNorm2d layers against PyTorch 1.13 (fixtures from
 * {@code src/test/python/pooling.py}); every layer is built from its architecture JSON, so the registered
 * argument names and defaults are checked too.
 */
class PoolingFixtureTest {
    private static final JsonNode FIXTURE = Fixtures.load("pooling");

    @TestFactory
    List<DynamicTest> layersMatchTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("cases"))
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkCase(c)));
        return tests;
    }

    private static void checkCase(JsonNode c) {
        String name = c.get("name").asText();
        Module layer = Architecture.fromJson(c.get("spec").asText(), new Generator(0));
        Tensor x = Fixtures.tensor(c.get("x")).requiresGrad(true);
        Tensor y;
        if (c.has("indices")) {
            Outputs out = layer.call(x);
            y = out.get("output");
            Fixtures.assertClose(name + " indices", out.get("indices"), Fixtures.tensor(c.get("indices")), 0, 0);
            MaxPoolOutput typed = ((MaxPool2d) layer).forwardWithIndices(x.detach());
            Fixtures.assertClose(
                    name + " typed indices", typed.indices().toTensor(), Fixtures.tensor(c.get("indices")), 0, 0);
        } else y = layer.forward(x);
        Fixtures.assertClose(name + " output", y, Fixtures.tensor(c.get("y")), 1e-5, 1e-6);
        y.backward(Fixtures.tensor(c.get("g")));
        Fixtures.assertClose(name + " input gradient", x.grad(), Fixtures.tensor(c.get("dx")), 1e-5, 1e-5);
    }

    @TestFactory
    List<DynamicTest> batchNorm2dMatchesTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FIXTURE.get("batch_norm"))
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkBatchNorm(c)));
        return tests;
    }

    private static void checkBatchNorm(JsonNode c) {
        String name = c.get("name").asText();
        BatchNorm2d bn = (BatchNorm2d) Architecture.fromJson(c.get("spec").asText(), new Generator(0));
        if (c.has("weight")) {
            System.arraycopy(
                    Fixtures.tensor(c.get("weight")).data(),
                    0,
                    bn.parameter("weight").data(),
                    0,
                    3);
            System.arraycopy(
                    Fixtures.tensor(c.get("bias")).data(),
                    0,
                    bn.parameter("bias").data(),
                    0,
                    3);
        }
        int step = 0;
        for (JsonNode s : c.get("steps")) {
            String at = name + " step " + step++;
            bn.train();
            bn.zeroGrad();
            Tensor x = Fixtures.tensor(s.get("x")).requiresGrad(true);
            Tensor y = bn.forward(x);
            Fixtures.assertClose(at + " output", y, Fixtures.tensor(s.get("y")), 1e-5, 1e-5);
            y.backward(Fixtures.tensor(s.get("g")));
            Fixtures.assertClose(at + " input gradient", x.grad(), Fixtures.tensor(s.get("dx")), 1e-4, 1e-5);
            for (String p : new String[] {"weight", "bias"})
                if (s.has("d" + p))
                    Fixtures.assertClose(
                            at + " " + p + " gradient",
                            bn.parameter(p).grad(),
                            Fixtures.tensor(s.get("d" + p)),
                            1e-4,
                            1e-5);
            for (String b : new String[] {"running_mean", "running_var", "num_batches_tracked"}) {
                assertThat(bn.namedBuffers().containsKey(b))
                        .as(at + " has " + b)
                        .isEqualTo(s.has(b));
                if (s.has(b)) Fixtures.assertClose(at + " " + b, bn.buffer(b), Fixtures.tensor(s.get(b)), 1e-5, 1e-6);
            }
        }
        bn.eval();
        Fixtures.assertClose(
                name + " eval output",
                bn.forward(Fixtures.tensor(c.get("eval_x"))),
                Fixtures.tensor(c.get("eval_y")),
                1e-5,
                1e-5);
    }
}

package dev.myelin.nn;

import static dev.myelin.testing.Fixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d's affine / track_running_stats / momentum=None options and Embedding's padding_idx against
 * torch 1.13 (fixture activations_losses.json): outputs, input gradients, running statistics, state-dict
 * keys and reprs over several training steps and in eval.
 */
class NormEmbeddingFixtureTest {
    private static final JsonNode FIXTURE = Fixtures.load("activations_losses");

    private static BatchNorm1d module(String name) {
        return switch (name) {
            case "cma_no_affine" -> new BatchNorm1d(3, 1e-5, null, false, true);
            case "no_running_stats" -> new BatchNorm1d(3, 1e-5, 0.1, true, false);
            case "cma_affine_ncl" -> new BatchNorm1d(3, 1e-5, null, true, true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void batchNormOptionsMatchTorch() {
        JsonNode cases = FIXTURE.get("batchnorm");
        for (String name : List.of("cma_no_affine", "no_running_stats", "cma_affine_ncl")) {
            JsonNode ref = cases.get(name);
            BatchNorm1d bn = module(name);
            if (bn.affine()) {
                System.arraycopy(
                        new float[] {1, 2, 0.5f}, 0, bn.parameter("weight").data(), 0, 3);
                System.arraycopy(
                        new float[] {0, -1, 0.3f}, 0, bn.parameter("bias").data(), 0, 3);
            }
            assertThat(bn.toString()).isEqualTo(ref.get("repr").asText());
            List<String> keys = new ArrayList<>();
            ref.get("keys").forEach(k -> keys.add(k.asText()));
            assertThat(bn.stateDict().keySet()).as(name + " state dict keys").containsExactlyElementsOf(keys);
            int step = 0;
            for (JsonNode s : ref.get("steps")) {
                Tensor x = Fixtures.tensor(s.get("x")).requiresGrad(true);
                Tensor y = bn.forward(x);
                assertClose(name + " step " + step + " output", y, Fixtures.tensor(s.get("y")), 1e-4, 1e-5);
                y.mul(Fixtures.tensor(s.get("r"))).sum().backward();
                assertClose(
                        name + " step " + step + " input gradient",
                        x.grad(),
                        Fixtures.tensor(s.get("grad")),
                        1e-4,
                        1e-5);
                step++;
            }
            bn.eval();
            assertClose(
                    name + " eval output",
                    bn.forward(Fixtures.tensor(ref.get("eval_x"))),
                    Fixtures.tensor(ref.get("eval_y")),
                    1e-4,
                    1e-5);
            ref.get("state").fieldNames().forEachRemaining(k -> {
                if (!k.equals("weight") && !k.equals("bias"))
                    assertClose(
                            name + " " + k,
                            bn.stateDict().get(k),
                            Fixtures.tensor(ref.get("state").get(k)),
                            1e-5,
                            1e-6);
            });
        }
    }

    @Test
    void batchNormWithoutAffineHasNoParametersAndRejectsBadMomentum() {
        BatchNorm1d bn = new BatchNorm1d(4, 1e-5, 0.1, false, true);
        assertThat(bn.parameters()).isEmpty();
        assertThat(bn.momentum()).isEqualTo(0.1);
        assertThatThrownBy(() -> new BatchNorm1d(4, 1e-5, 1.5, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        // without running stats, eval uses batch statistics, so it needs more than one value per channel too
        BatchNorm1d noStats = new BatchNorm1d(2, 1e-5, 0.1, true, false);
        noStats.eval();
        assertThatThrownBy(() -> noStats.forward(Tensor.zeros(1, 2)))
                .hasMessageContaining("more than 1 value per channel");
    }

    @Test
    void embeddingPaddingIdxMatchesTorch() {
        JsonNode ref = FIXTURE.get("embedding");
        Embedding e = new Embedding(6, 3, -2, new Generator(3));
        assertThat(e.paddingIdx()).isEqualTo(ref.get("padding_idx").asInt());
        assertThat(e.toString()).isEqualTo(ref.get("repr").asText());
        assertThat(ref.get("init_padding_row_is_zero").asBoolean()).isTrue();
        for (int j = 0; j < 3; j++) assertThat(e.parameter("weight").get(4, j)).isZero();
        System.arraycopy(
                Fixtures.tensor(ref.get("weight")).data(),
                0,
                e.parameter("weight").data(),
                0,
                18);
        Tensor y = e.forward(Fixtures.tensor(ref.get("indices")));
        assertClose("embedding output (the padding row is read as is)", y, Fixtures.tensor(ref.get("y")), 1e-6, 1e-6);
        y.mul(Fixtures.tensor(ref.get("r"))).sum().backward();
        assertClose(
                "embedding weight gradient (none for the padding row)",
                e.parameter("weight").grad(),
                Fixtures.tensor(ref.get("weight_grad")),
                1e-5,
                1e-6);
    }

    @Test
    void embeddingRejectsPaddingIdxOutsideTheTable() {
        assertThatThrownBy(() -> new Embedding(6, 3, 6, new Generator(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paddingIdx")
                .hasMessageContaining("6");
        assertThatThrownBy(() -> new Embedding(6, 3, -7, new Generator(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-7");
        assertThat(new Embedding(6, 3, null, new Generator(1)).toString()).isEqualTo("Embedding(6, 3)");
    }
}

package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.Embedding;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightDecayGroupsTest {
    private static Module model() {
        Generator g = new Generator(1);
        return new Sequential(
                new Embedding(10, 4, g), new Linear(4, 6, g), new LayerNorm(6), new ReLU(), new Linear(6, 3, g));
    }

    @Test
    void linearWeightsDecayAndBiasesNormsAndEmbeddingsDoNot() {
        Module m = model();
        List<ParamGroup> groups = WeightDecayGroups.of(m, 0.1);
        assertThat(groups).hasSize(2);
        var p = m.namedParameters();
        assertThat(groups.get(0).params()).containsExactly(p.get("1.weight"), p.get("4.weight"));
        assertThat(groups.get(1).params())
                .containsExactly(
                        p.get("0.weight"), p.get("1.bias"), p.get("2.weight"), p.get("2.bias"), p.get("4.bias"));
        AdamW opt = new AdamW(groups, 1e-3);
        assertThat(opt.paramGroups().get(0).get("weightDecay"))
                .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(opt.paramGroups().get(1).get("weightDecay")).isZero();
    }

    @Test
    void theNoDecayGroupIsUntouchedByTheDecayAndTheDecayGroupShrinks() {
        Module m = model();
        AdamW opt = new AdamW(WeightDecayGroups.of(m, 0.5), 0.1);
        var p = m.namedParameters();
        float bias = p.get("1.bias").data()[0], weight = p.get("1.weight").data()[0];
        for (Tensor t : m.parameters())
            t.accumulateGrad(Tensor.zeros(t.shape())); // zero gradient: only decay moves a weight
        opt.step();
        assertThat(p.get("1.bias").data()[0]).isEqualTo(bias);
        assertThat(p.get("1.weight").data()[0])
                .isCloseTo(weight * (1 - 0.1f * 0.5f), org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void aModelWithOnlyBiasFreeParametersGivesOneGroupAndBadDecayIsRefused() {
        assertThat(WeightDecayGroups.of(new LayerNorm(3), 0.1)).hasSize(1);
        assertThatThrownBy(() -> WeightDecayGroups.of(model(), -1))
                .hasMessageContaining("weightDecay must be a finite number >= 0, got -1");
    }
}

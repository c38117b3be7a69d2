package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter groups: defaults and overrides, addParamGroup, validation, state dicts with several groups. */
class ParamGroupTest {
    static Tensor param(float... values) {
        return Tensor.fromArray(values).requiresGrad(true);
    }

    @Test
    void groupsTakeTheDefaultsTheyDoNotOverrideIncludingLaterFluentSettings() {
        Tensor a = param(1, 2), b = param(3);
        SGD sgd = new SGD(
                        List.of(
                                ParamGroup.of(List.of(a)),
                                ParamGroup.of(List.of(b)).lr(0.01).set("momentum", 0.5)),
                        0.1)
                .momentum(0.9)
                .weightDecay(1e-3);
        ParamGroup g0 = sgd.paramGroups().get(0), g1 = sgd.paramGroups().get(1);
        assertThat(g0.lr()).isEqualTo(0.1f);
        assertThat(g0.get("momentum")).isEqualTo(0.9f);
        assertThat(g1.lr()).isEqualTo(0.01f);
        assertThat(g1.get("momentum")).isEqualTo(0.5f);
        assertThat(g1.get("weight_decay")).isEqualTo(g1.get("weightDecay")).isEqualTo(1e-3f);
        assertThat(sgd.momentum()).isEqualTo(0.9f); // the default
        assertThat(sgd.params()).containsExactly(a, b);
        assertThat(sgd.learningRate()).isEqualTo(0.1f); // the first group's
        assertThat(sgd.toString()).contains("group 1: lr=0.01, momentum=0.5");

        sgd.setLearningRate(0.2); // every group
        assertThat(g0.lr()).isEqualTo(g1.lr()).isEqualTo(0.2f);
        g1.set("nesterov", true).set("dampening", 0);
        assertThat(g1.get("nesterov")).isEqualTo(1);
        assertThat(g0.get("nesterov")).isZero();
    }

    @Test
    void groupLrDrivesTheUpdate() {
        Tensor a = param(1), b = param(1);
        GradientDescent gd = new GradientDescent(
                List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).lr(0.5)), 0.1);
        a.setGrad(Tensor.fromArray(new float[] {1}));
        b.setGrad(Tensor.fromArray(new float[] {1}));
        gd.step();
        assertThat(a.data()[0]).isEqualTo(0.9f);
        assertThat(b.data()[0]).isEqualTo(0.5f);
    }

    @Test
    void adagradStartsEachSumFromItsGroupsInitialAccumulatorValue() {
        Tensor a = param(1), b = param(1);
        Adagrad ada = new Adagrad(
                List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(b)).set("initialAccumulatorValue", 3)), 0.1);
        a.setGrad(Tensor.fromArray(new float[] {1}));
        b.setGrad(Tensor.fromArray(new float[] {1}));
        ada.step();
        assertThat(ada.state(0).buffer("sum")).containsExactly(1f);
        assertThat(ada.state(1).buffer("sum")).containsExactly(4f);
        assertThat(b.data()[0]).isEqualTo(1f - 0.1f * (1f / (2f + 1e-10f)));
    }

    @Test
    void addParamGroupAsPyTorch() {
        Tensor a = param(1), b = param(2, 3);
        Adam adam = new Adam(List.of(a), 0.01).betas(0.8, 0.9);
        adam.addParamGroup(ParamGroup.of(List.of(b)).set("betas", 0.5, 0.6).lr(0.1));
        assertThat(adam.paramGroups()).hasSize(2);
        assertThat(adam.paramGroups().get(1).values("betas")).containsExactly(0.5f, 0.6f);
        assertThat(adam.paramGroups().get(1).get("eps")).isEqualTo(1e-8f);
        assertThat(adam.params()).containsExactly(a, b);
        b.setGrad(Tensor.fromArray(new float[] {1, 1}));
        adam.step();
        assertThat(adam.state(0)).isNull();
        assertThat(adam.state(1).step()).isEqualTo(1);
        assertThat(b.data()[0]).isEqualTo(2f - 0.1f, org.assertj.core.api.Assertions.within(1e-6f));
    }

    @Test
    void badGroupsAreRejectedNamingTheProblem() {
        Tensor a = param(1), b = param(2);
        assertThatThrownBy(() -> new SGD(List.of(ParamGroup.of(List.of(a)), ParamGroup.of(List.of(a, b))), 0.1))
                .hasMessageContaining("paramGroups[1].params[0]")
                .hasMessageContaining("another parameter group");
        SGD sgd = new SGD(List.of(a), 0.1);
        assertThatThrownBy(() -> sgd.addParamGroup(ParamGroup.of(List.of(a))))
                .hasMessageContaining("another parameter group");
        assertThatThrownBy(() -> new SGD(List.of(ParamGroup.of(List.of(a)).set("betas", 0.9, 0.99)), 0.1))
                .hasMessageContaining("SGD has no setting 'betas'")
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> new Adam(List.of(ParamGroup.of(List.of(a)).set("betas", 0.9)), 0.1))
                .hasMessageContaining("betas takes 2 values");
        assertThatThrownBy(() -> new Adam(List.of(ParamGroup.of(List.of(a)).set("betas", 0.9, 1.5)), 0.1))
                .hasMessageContaining("betas[1]");
        assertThatThrownBy(() -> new SGD(List.of(ParamGroup.of(List.of(a)).lr(-1)), 0.1))
                .hasMessageContaining("lr")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new SGD(List.of(ParamGroup.of(List.of())), 0.1))
                .hasMessageContaining("paramGroups[0].params is empty");
        assertThatThrownBy(() -> new SGD(List.of(ParamGroup.of(List.of(a)), b), 0.1))
                .hasMessageContaining("params[1] is a Tensor");
        assertThatThrownBy(() -> new SGD(List.of(a, "b"), 0.1)).hasMessageContaining("params[1] is a String");
        assertThatThrownBy(() -> sgd.paramGroups().get(0).set("momentum", -1)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> sgd.paramGroups().get(0).set("nesterov", 2)).hasMessageContaining("0 or 1");
        sgd.paramGroups().get(0).set("nesterov", true);
        a.setGrad(Tensor.fromArray(new float[] {1}));
        assertThatThrownBy(sgd::step).hasMessageContaining("nesterov");
    }

    @Test
    void stateDictHasPyTorchsGroupsAndReloadsIntoTheSameGroupLayout() {
        Tensor a = param(1, 2), b = param(3), c = param(4, 5, 6);
        Adam adam = new Adam(
                List.of(
                        ParamGroup.of(List.of(a, b)),
                        ParamGroup.of(List.of(c)).lr(0.1).set("amsgrad", true)),
                0.01);
        for (Tensor p : List.of(a, b, c)) p.setGrad(Tensor.onesLike(p));
        adam.step();
        new StepLR(adam, 2); // records initial_lr in every group
        Map<String, Tensor> sd = adam.stateDict();
        assertThat(sd.get("param_groups.0.params").toArray()).containsExactly(0, 1);
        assertThat(sd.get("param_groups.1.params").toArray()).containsExactly(2);
        assertThat(sd.get("param_groups.1.lr").item()).isEqualTo(0.1f);
        assertThat(sd.get("param_groups.1.amsgrad").item()).isEqualTo(1);
        assertThat(sd.get("param_groups.1.initial_lr").item()).isEqualTo(0.1f);
        assertThat(sd)
                .containsKeys("state.2.max_exp_avg_sq", "param_groups.0.betas")
                .doesNotContainKey("state.0.max_exp_avg_sq");

        Tensor a2 = param(1, 2), b2 = param(3), c2 = param(4, 5, 6);
        Adam fresh = new Adam(List.of(ParamGroup.of(List.of(a2, b2)), ParamGroup.of(List.of(c2))), 0.5);
        fresh.loadStateDict(sd);
        assertThat(fresh.paramGroups().get(1).lr()).isEqualTo(0.1f);
        assertThat(fresh.paramGroups().get(1).get("amsgrad")).isEqualTo(1);
        assertThat(fresh.stateDict().keySet()).containsExactlyElementsOf(sd.keySet());
        for (var e : sd.entrySet())
            assertThat(fresh.stateDict().get(e.getKey()).toArray())
                    .as(e.getKey())
                    .containsExactly(e.getValue().toArray());

        Adam oneGroup = new Adam(List.of(param(1, 2), param(3), param(4, 5, 6)), 0.5);
        assertThatThrownBy(() -> oneGroup.loadStateDict(sd))
                .hasMessageContaining("param_groups.1")
                .hasMessageContaining("1 parameter group");
        Adam otherSplit = new Adam(
                List.of(ParamGroup.of(List.of(param(1, 2))), ParamGroup.of(List.of(param(3), param(4, 5, 6)))), 0.5);
        assertThatThrownBy(() -> otherSplit.loadStateDict(sd))
                .hasMessageContaining("param_groups.0.params")
                .hasMessageContaining("same sizes");
        assertThat(otherSplit.paramGroups().get(0).lr()).isEqualTo(0.5f); // nothing changed
    }

    @Test
    void aStateSavedBeforeGroupsExistedLoadsIntoOneGroup() {
        Tensor a = param(1, 2);
        SGD sgd = new SGD(List.of(a), 0.1).momentum(0.9);
        a.setGrad(Tensor.fromArray(new float[] {1, 1}));
        sgd.step();
        Map<String, Tensor> legacy = new LinkedHashMap<>();
        sgd.stateDict().forEach((k, v) -> {
            if (k.startsWith("state.")) legacy.put(k, v);
            else if (!k.endsWith(".params")) legacy.put("group." + k.substring("param_groups.0.".length()), v);
        });
        SGD fresh = new SGD(List.of(param(1, 2)), 0.3);
        fresh.loadStateDict(legacy);
        assertThat(fresh.learningRate()).isEqualTo(0.1f);
        assertThat(fresh.paramGroups().get(0).get("momentum")).isEqualTo(0.9f);
        assertThat(fresh.state(0).buffer("momentum_buffer")).containsExactly(1, 1);
    }
}

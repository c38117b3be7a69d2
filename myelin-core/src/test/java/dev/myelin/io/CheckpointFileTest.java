package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several models' and optimizers' states in one file: round trip, names, and loading all or nothing. */
class CheckpointFileTest {
    @TempDir
    Path dir;

    /** Two models and their optimizers, after two steps so the optimizers have state. */
    private record Pair(MLP g, Linear d, Adam optG, SGD optD) {
        Pair(long seed) {
            this(
                    new MLP(2, List.of(3), 2, new Generator(seed)),
                    new Linear(2, 1, true, new Generator(seed + 1)),
                    null,
                    null);
        }

        Pair {
            if (optG == null) {
                optG = new Adam(g.parameters(), 0.01);
                optD = new SGD(d.parameters(), 0.1).momentum(0.9);
            }
        }

        void train(int steps) {
            for (int i = 0; i < steps; i++) {
                Tensor x = Tensor.randn(new Generator(i), 4, 2);
                optG.zeroGrad();
                optD.zeroGrad();
                d.forward(g.forward(x)).pow(2).mean().backward();
                optG.step();
                optD.step();
            }
        }

        Map<String, Module> models() {
            Map<String, Module> m = new LinkedHashMap<>();
            m.put("generator", g);
            m.put("discriminator", d);
            return m;
        }

        Map<String, Optimizer> optimizers() {
            Map<String, Optimizer> m = new LinkedHashMap<>();
            m.put("generator", optG);
            m.put("discriminator", optD);
            return m;
        }
    }

    @Test
    void savesEveryStateUnderItsNameAndLoadsItBackExactly() throws IOException {
        Pair saved = new Pair(1);
        saved.train(2);
        Path file = dir.resolve("ckpt.safetensors");
        CheckpointFile.save(file, saved.models(), saved.optimizers(), Map.of("epoch", "7"));

        SafeTensors.Contents raw = SafeTensors.read(file);
        assertThat(raw.tensors().keySet())
                .contains(
                        "model.generator.model.0.weight",
                        "model.discriminator.weight",
                        "optimizer.generator.state.0.exp_avg",
                        "optimizer.discriminator.state.0.momentum_buffer",
                        "optimizer.discriminator.param_groups.0.lr");
        assertThat(raw.metadata())
                .containsEntry("epoch", "7")
                .containsEntry("myelin.models", "generator,discriminator");

        Pair loaded = new Pair(50);
        Map<String, String> meta = CheckpointFile.load(file, loaded.models(), loaded.optimizers());
        assertThat(meta).containsEntry("epoch", "7");
        assertSameState(loaded, saved);
        // training on continues identically
        saved.train(1);
        loaded.train(1);
        assertSameState(loaded, saved);
    }

    private static void assertSameState(Pair a, Pair b) {
        for (String name : List.of("generator", "discriminator")) {
            Map<String, Tensor> x = a.models().get(name).stateDict(),
                    y = b.models().get(name).stateDict();
            y.forEach((k, v) -> assertThat(x.get(k).data()).as("%s %s", name, k).containsExactly(v.data()));
            Map<String, Tensor> ox = a.optimizers().get(name).stateDict(),
                    oy = b.optimizers().get(name).stateDict();
            assertThat(ox.keySet()).isEqualTo(oy.keySet());
            oy.forEach((k, v) ->
                    assertThat(ox.get(k).data()).as("%s optimizer %s", name, k).containsExactly(v.data()));
        }
    }

    @Test
    void aMismatchLeavesEveryModelAndOptimizerAsItWas() throws IOException {
        Pair saved = new Pair(1);
        saved.train(2);
        Path file = dir.resolve("ckpt.safetensors");
        CheckpointFile.save(file, saved.models(), saved.optimizers(), Map.of());

        // the generator would load, but the discriminator has another shape: nothing may change
        Pair target = new Pair(9);
        target.train(1);
        Map<String, Module> models = target.models();
        Linear wider = new Linear(3, 1, true, new Generator(3));
        models.put("discriminator", wider);
        Map<String, float[]> before = new LinkedHashMap<>();
        target.g().stateDict().forEach((k, v) -> before.put(k, v.data().clone()));
        Map<String, Tensor> optBefore = target.optG().stateDict();
        assertThatThrownBy(() -> CheckpointFile.load(file, models, target.optimizers()))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("model 'discriminator' does not match the saved state");
        target.g().stateDict().forEach((k, v) -> assertThat(v.data()).as(k).containsExactly(before.get(k)));
        assertThat(target.optG().stateDict().get("state.0.exp_avg").data())
                .containsExactly(optBefore.get("state.0.exp_avg").data());

        assertThatThrownBy(() -> CheckpointFile.load(file, Map.of("generator", target.g()), target.optimizers()))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("holds models [generator, discriminator] but [generator] were given");
    }

    @Test
    void aSingleModelFileIsNotACheckpointAndNamesAreChecked() throws IOException {
        Path single = dir.resolve("model.safetensors");
        Pair p = new Pair(1);
        ModelFile.save(single, p.g());
        assertThatThrownBy(() -> CheckpointFile.load(single, p.models(), p.optimizers()))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not a Myelin checkpoint")
                .hasMessageContaining("ModelFile.load");
        assertThatThrownBy(() ->
                        CheckpointFile.save(dir.resolve("x.safetensors"), Map.of("gen.a", p.g()), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gen.a'");
    }
}

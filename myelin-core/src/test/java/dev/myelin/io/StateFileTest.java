package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State files: weights + architecture metadata, strict loading into existing tensors, optimizer state. */
class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void savesWeightsWithArchitectureAndLoadsThemIntoFreshTensors() throws IOException {
        Generator gen = new Generator(5);
        Map<String, Tensor> model = new LinkedHashMap<>();
        model.put("fc.weight", Tensor.randn(gen, 3, 2));
        model.put("fc.bias", Tensor.randn(gen, 3));
        Path f = dir.resolve("m.safetensors");
        StateFile.save(f, model, Map.of(StateFile.ARCHITECTURE_KEY, "{\"type\":\"Linear\",\"in\":2,\"out\":3}"));

        Map<String, Tensor> fresh = Map.of("fc.weight", Tensor.zeros(3, 2), "fc.bias", Tensor.zeros(3));
        Map<String, String> meta = StateFile.loadInto(f, fresh);
        assertThat(meta)
                .containsEntry(StateFile.ARCHITECTURE_KEY, "{\"type\":\"Linear\",\"in\":2,\"out\":3}")
                .containsEntry("format", "pt");
        assertThat(fresh.get("fc.weight").data())
                .containsExactly(model.get("fc.weight").data());
        assertThat(fresh.get("fc.bias").data())
                .containsExactly(model.get("fc.bias").data());
    }

    @Test
    void mismatchedStateIsRefusedWholeAndNothingIsCopied() throws IOException {
        Path f = dir.resolve("m.safetensors");
        StateFile.save(f, Map.of("w", Tensor.ones(2, 2), "b", Tensor.ones(2)), Map.of());
        Map<String, Tensor> target = new LinkedHashMap<>();
        target.put("w", Tensor.zeros(2, 2));
        target.put("b", Tensor.zeros(3));
        target.put("extra", Tensor.zeros(1));
        assertThatThrownBy(() -> StateFile.loadInto(f, target))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("missing tensors: [extra]")
                .hasMessageContaining("'b' is [2] in the file but [3] here");
        assertThat(target.get("w").data()).containsOnly(0f); // w matched, but was not copied either
    }

    @Test
    void optimizerStateTravelsUnderAPrefixAndContinuesIdentically() throws IOException {
        Tensor w = Tensor.randn(new Generator(9), 4).requiresGrad(true);
        Adam adam = new Adam(List.of(w), 0.01);
        w.setGrad(Tensor.ones(4));
        adam.step();
        Map<String, Tensor> all = new LinkedHashMap<>(StateFile.prefixed("model.", Map.of("w", w)));
        all.putAll(StateFile.prefixed("optimizer.", adam.stateDict()));
        Path f = dir.resolve("ckpt.safetensors");
        StateFile.save(f, all, Map.of());

        SafeTensors.Contents c = StateFile.load(f);
        Tensor w2 = StateFile.withPrefix("model.", c.tensors()).get("w").requiresGrad(true);
        Adam adam2 = new Adam(List.of(w2), 0.5);
        adam2.loadStateDict(StateFile.withPrefix("optimizer.", c.tensors()));
        w.setGrad(Tensor.full(-2, 4));
        w2.setGrad(Tensor.full(-2, 4));
        adam.step();
        adam2.step();
        assertThat(w2.data()).containsExactly(w.data());
    }

    @Test
    void loadingIntoATensorBumpsItsVersion() throws IOException {
        // as copy_: a graph that saved the old values for its backward must see that they changed
        Tensor w = Tensor.fromArray(new float[] {1, 2}, 2);
        Path file = dir.resolve("w.safetensors");
        StateFile.save(file, Map.of("w", Tensor.fromArray(new float[] {3, 4}, 2)), Map.of());
        int before = w.version();
        StateFile.loadInto(file, Map.of("w", w));
        assertThat(w.toArray()).containsExactly(3f, 4f);
        assertThat(w.version()).isGreaterThan(before);
    }
}

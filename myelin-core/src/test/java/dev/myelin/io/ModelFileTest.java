package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.autograd.NoGrad;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.GraphModule;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleRegistry;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.TestBilinear;
import dev.myelin.train.Trainer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files: exact round trips (weights, buffers, optimizer state), clear errors for bad files, plain safetensors layout. */
class ModelFileTest {
    @TempDir
    Path dir;

    private static MLP mlp(long seed) {
        return new MLP(4, List.of(8, 6), 3, Activation.TANH, new Generator(seed));
    }

    private static Tensor predict(Module m, Tensor x) {
        m.eval();
        try (var ignored = NoGrad.enter()) {
            return m.forward(x);
        }
    }

    @Test
    void mlpRoundTripPredictsBitIdentically() throws IOException {
        MLP model = mlp(1);
        Path f = dir.resolve("mlp.safetensors");
        ModelFile.save(f, model, null, Map.of("myelin.task", "classification"));
        ModelFile.Loaded loaded = ModelFile.load(f);

        assertThat(loaded.model()).isInstanceOf(MLP.class);
        assertThat(loaded.metadata())
                .containsEntry("myelin.task", "classification")
                .containsKey(StateFile.ARCHITECTURE_KEY);
        assertThat(loaded.optimizerState()).isEmpty();
        assertThat(loaded.model().stateDict().keySet())
                .containsExactlyElementsOf(model.stateDict().keySet());
        Tensor x = Tensor.randn(new Generator(2), 50, 4);
        assertThat(predict(loaded.model(), x).data())
                .containsExactly(predict(model, x).data());
        assertThatThrownBy(() -> loaded.restoreOptimizer(new Adam(loaded.model().parameters())))
                .hasMessageContaining("no optimizer state");
    }

    /** BatchNorm's running statistics are buffers and must travel too; eval-mode outputs depend on them. */
    @Test
    void batchNormDropoutLayerNormRoundTripInEvalMode() throws IOException {
        Generator gen = new Generator(3);
        Sequential model = new Sequential(
                new Linear(5, 8, true, gen),
                new BatchNorm1d(8),
                new ReLU(),
                new Dropout(0.4, gen.split()),
                new LayerNorm(8),
                new Linear(8, 2, true, gen));
        TensorDataset data = new TensorDataset(
                Tensor.randn(gen, 64, 5).mul(3f).add(Tensor.scalar(1f)), Tensor.randint(gen, 0, 2, 64));
        Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new Adam(model.parameters(), 0.01))
                .epochs(2)
                .build()
                .fit(DataLoader.builder(data).batchSize(16).build(), null);
        Tensor runningMean = model.stateDict().get("1.running_mean");
        assertThat(runningMean.data()).isNotEqualTo(new float[8]); // training moved the statistics

        Path f = dir.resolve("bn.safetensors");
        ModelFile.save(f, model);
        Module loaded = ModelFile.load(f).model();
        assertThat(loaded.stateDict().get("1.running_mean").data()).containsExactly(runningMean.data());
        assertThat(loaded.stateDict().get("1.running_var").data())
                .containsExactly(model.stateDict().get("1.running_var").data());
        assertThat(loaded.stateDict().get("1.num_batches_tracked").item()).isEqualTo(8f);
        Tensor x = Tensor.randn(new Generator(4), 30, 5);
        assertThat(predict(loaded, x).data()).containsExactly(predict(model, x).data());
        assertThat(Architecture.toJson(loaded)).isEqualTo(Architecture.toJson(model));
    }

    /** Train 3 epochs, save, train 2 more; versus load the file, restore Adam, train the same 2 epochs: bit-identical. */
    @Test
    void restoredOptimizerStateContinuesTrainingBitIdentically() throws IOException {
        Generator gen = new Generator(5);
        TensorDataset data = new TensorDataset(Tensor.randn(gen, 40, 4), Tensor.randn(gen, 40, 3));
        MLP model = mlp(6);
        Adam adam = new Adam(model.parameters(), 0.01).weightDecay(0.001);
        fit(model, adam, data, 3);
        Path f = dir.resolve("ckpt.safetensors");
        ModelFile.save(f, model, adam);
        fit(model, adam, data, 2);

        ModelFile.Loaded loaded = ModelFile.load(f);
        assertThat(loaded.metadata()).containsEntry("myelin.optimizer", "Adam");
        assertThat(loaded.optimizerState()).containsKey("param_groups.0.lr").containsKey("state.0.exp_avg");
        Adam resumed = new Adam(loaded.model().parameters(), 0.5); // lr and moments come from the file
        loaded.restoreOptimizer(resumed);
        assertThat(resumed.learningRate()).isEqualTo(adam.learningRate());
        fit(loaded.model(), resumed, data, 2);

        Map<String, Tensor> a = model.stateDict(), b = loaded.model().stateDict();
        for (String k : a.keySet())
            assertThat(b.get(k).data()).as(k).containsExactly(a.get(k).data());
    }

    private static void fit(Module model, Adam adam, TensorDataset data, int epochs) {
        model.train();
        Trainer.builder()
                .model(model)
                .loss(new MSELoss())
                .optimizer(adam)
                .epochs(epochs)
                .build()
                .fit(DataLoader.builder(data).batchSize(16).build(), null);
    }

    // ------------------------------------------------------------------ bad files

    private Path goodFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        MLP m = mlp(7);
        ModelFile.save(f, m, new Adam(m.parameters()));
        return f;
    }

    private static void assertBad(Path f, String... fragments) {
        var thrown = assertThatThrownBy(() -> ModelFile.load(f))
                .isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith(f.toString());
        for (String s : fragments) thrown.hasMessageContaining(s);
        thrown.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void truncatedFile() throws IOException {
        Path f = goodFile();
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertBad(f, "truncated");
        Files.write(f, java.util.Arrays.copyOf(bytes, 5));
        assertBad(f);
        Files.write(f, new byte[0]);
        assertBad(f);
    }

    @Test
    void flippedHeaderBytes() throws IOException {
        Path f = goodFile();
        byte[] bytes = Files.readAllBytes(f);
        bytes[8] ^= (byte) 0x55; // the header's opening brace
        Files.write(f, bytes);
        assertBad(f);
        bytes = Files.readAllBytes(goodFile());
        bytes[3] = 0x7f; // header length far beyond the file
        Files.write(f, bytes);
        assertBad(f);
    }

    @Test
    void missingArchitecture() throws IOException {
        Path f = dir.resolve("bare.safetensors");
        StateFile.save(f, mlp(1).stateDict(), Map.of());
        assertBad(f, "not a Myelin model file", StateFile.ARCHITECTURE_KEY);
    }

    @Test
    void invalidArchitectureJson() throws IOException {
        Path f = dir.resolve("arch.safetensors");
        Map<String, Tensor> weights = mlp(1).stateDict();
        for (String spec : new String[] {
            "{not json",
            "{\"type\":\"Perceiver\"}",
            "{\"type\":\"Linear\",\"in\":\"four\",\"out\":3}",
            "{\"type\":\"Linear\",\"in\":4}",
            "[]",
            "{\"type\":\"MLP\",\"inputDim\":-4,\"hiddenLayers\":[8],\"outputDim\":3}"
        }) {
            StateFile.save(f, weights, Map.of(StateFile.ARCHITECTURE_KEY, spec));
            assertBad(f, "invalid architecture");
        }
    }

    @Test
    void missingOrMisshapenWeight() throws IOException {
        MLP m = mlp(1);
        String arch = Architecture.toJson(m);
        Path f = dir.resolve("w.safetensors");

        Map<String, Tensor> missing = new LinkedHashMap<>(m.stateDict());
        missing.remove("model.2.bias");
        StateFile.save(f, missing, Map.of(StateFile.ARCHITECTURE_KEY, arch));
        assertBad(f, "weights do not match the architecture", "model.2.bias");

        Map<String, Tensor> wrongShape = new LinkedHashMap<>(m.stateDict());
        wrongShape.put("model.0.weight", Tensor.zeros(8, 5));
        StateFile.save(f, wrongShape, Map.of(StateFile.ARCHITECTURE_KEY, arch));
        assertBad(f, "model.0.weight", "[8, 5]", "[8, 4]");

        Map<String, Tensor> extra = new LinkedHashMap<>(m.stateDict());
        extra.put("model.9.weight", Tensor.zeros(2));
        StateFile.save(f, extra, Map.of(StateFile.ARCHITECTURE_KEY, arch));
        assertBad(f, "model.9.weight");
    }

    @Test
    void missingFileNamesThePath() {
        Path f = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> ModelFile.load(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString());
    }

    /** A file written by the code before the module registry (every standard module type, Adam state) loads and predicts as it did. */
    @Test
    void fileWrittenBeforeTheRegistryStillLoads() throws Exception {
        Path f = Path.of(ModelFileTest.class
                .getResource("/modelfiles/before-registry.safetensors")
                .toURI());
        ModelFile.Loaded loaded = ModelFile.load(f);
        Module m = loaded.model();
        assertThat(m).isInstanceOf(Sequential.class);
        assertThat(((Sequential) m).size()).isEqualTo(19);
        // the registry writes every field the old code wrote, with the same values (new options are added at their
        // defaults)
        assertContainsFields(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(Architecture.toJson(m)),
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(loaded.metadata().get(StateFile.ARCHITECTURE_KEY)),
                "$");
        Map<String, Tensor> stored = SafeTensors.read(f).tensors();
        m.stateDict()
                .forEach((k, v) ->
                        assertThat(v.data()).as(k).containsExactly(stored.get(k).data()));
        assertThat(loaded.optimizerState()).containsKey("state.0.exp_avg");
        loaded.restoreOptimizer(new Adam(m.parameters()));

        Tensor input = Tensor.fromArray(floats(loaded.metadata().get("test.input")), 2, 2);
        assertThat(predict(m, input).data())
                .containsExactly(floats(loaded.metadata().get("test.expected")));
    }

    private static float[] floats(String csv) {
        String[] parts = csv.split(",");
        float[] f = new float[parts.length];
        for (int i = 0; i < f.length; i++) f[i] = Float.parseFloat(parts[i]);
        return f;
    }

    /**
     * A ~100-byte file whose metadata declares Linear 46340×46340 (8.6 GB of weights) must be rejected from its
     * header, before anything is allocated: a clear error, no OutOfMemoryError.
     */
    @Test
    void hostileArchitectureIsRejectedBeforeAllocating() throws IOException {
        Path f = dir.resolve("hostile.safetensors");
        Files.write(
                f,
                SafeTensors.toBytes(
                        Map.of(),
                        Map.of(StateFile.ARCHITECTURE_KEY, "{\"type\":\"Linear\",\"in\":46340,\"out\":46340}")));
        assertThat(Files.size(f)).isLessThan(120);
        assertBad(
                f, "weights do not match the architecture", "missing tensors", "weight [46340, 46340]", "bias [46340]");

        // a real small tensor under the right name does not help
        Files.write(
                f,
                SafeTensors.toBytes(
                        Map.of("weight", Tensor.zeros(1), "bias", Tensor.zeros(1)),
                        Map.of(
                                StateFile.ARCHITECTURE_KEY,
                                "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":46340,\"out\":46340}]}")));
        assertBad(
                f,
                "missing tensors [0.weight [46340, 46340], 0.bias [46340]]",
                "unexpected tensors [bias [1], weight [1]]");
        Files.write(
                f,
                SafeTensors.toBytes(
                        Map.of("weight", Tensor.zeros(2, 2), "bias", Tensor.zeros(1)),
                        Map.of(StateFile.ARCHITECTURE_KEY, "{\"type\":\"Linear\",\"in\":100000,\"out\":100000}")));
        assertBad(f, "size mismatch for weight: the file has [2, 2], the architecture needs [100000, 100000]");
    }

    /** A multi-input model (GraphModule with a registered two-input module) saves and loads like any other. */
    @Test
    void multiInputModelRoundTrips() throws IOException {
        ModuleRegistry.register(TestBilinear.TYPE);
        Generator gen = new Generator(12);
        GraphModule g = new GraphModule(
                List.of("a", "b"),
                List.of(
                        new GraphModule.Node("ea", new Linear(3, 4, gen), List.of("a")),
                        new GraphModule.Node("bi", new TestBilinear(4, 2, 3, gen), List.of("ea", "b"))),
                List.of("bi"));
        Path f = dir.resolve("graph.safetensors");
        ModelFile.save(f, g, new Adam(g.parameters()));
        ModelFile.Loaded loaded = ModelFile.load(f);
        assertThat(loaded.model()).isInstanceOf(GraphModule.class);
        Tensor a = Tensor.randn(gen, 5, 3), b = Tensor.randn(gen, 5, 2);
        assertThat(loaded.model().call(a, b).get("bi").data())
                .containsExactly(g.call(a, b).get("bi").data());
    }

    // ------------------------------------------------------------------ plain safetensors

    @Test
    void theFileIsPlainSafetensors() throws IOException {
        MLP m = mlp(9);
        Adam adam = new Adam(m.parameters());
        Path f = dir.resolve("plain.safetensors");
        ModelFile.save(f, m, adam, Map.of("myelin.task", "regression"));
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));

        List<String> names = new ArrayList<>();
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) names.add(it.next());
        assertThat(names)
                .contains(
                        "__metadata__",
                        "model.0.weight",
                        "model.0.bias",
                        "model.2.weight",
                        "model.2.bias",
                        "model.4.weight",
                        "model.4.bias",
                        "optimizer.param_groups.0.lr");
        Map<String, Tensor> state = m.stateDict();
        for (String name : state.keySet()) {
            JsonNode t = header.get(name);
            assertThat(t.get("dtype").asText()).isEqualTo("F32");
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++)
                shape[i] = t.get("shape").get(i).asInt();
            assertThat(shape).containsExactly(state.get(name).shape());
            long begin = t.get("data_offsets").get(0).asLong(),
                    end = t.get("data_offsets").get(1).asLong();
            assertThat(end - begin).isEqualTo(4L * state.get(name).numel());
            ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n + begin), (int) (end - begin))
                    .order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[state.get(name).numel()];
            data.asFloatBuffer().get(values);
            assertThat(values).as(name).containsExactly(state.get(name).data());
        }
        assertThat(header.get("model.0.weight").get("shape").toString()).isEqualTo("[8,4]");
        JsonNode meta = header.get("__metadata__");
        assertThat(meta.get("format").asText()).isEqualTo("pt");
        assertThat(meta.get("myelin.task").asText()).isEqualTo("regression");
        JsonNode arch =
                new ObjectMapper().readTree(meta.get(StateFile.ARCHITECTURE_KEY).asText());
        assertThat(arch.get("type").asText()).isEqualTo("MLP");
        assertThat(arch.get("inputDim").asInt()).isEqualTo(4);
        assertThat(arch.get("hiddenLayers").toString()).isEqualTo("[8,6]");
        assertThat(arch.get("outputDim").asInt()).isEqualTo(3);
        meta.fields()
                .forEachRemaining(
                        e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue()); // safetensors: strings only
    }

    private static void assertContainsFields(
            com.fasterxml.jackson.databind.JsonNode actual,
            com.fasterxml.jackson.databind.JsonNode expected,
            String path) {
        if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(name -> {
                assertThat(actual.has(name)).as(path + "." + name).isTrue();
                assertContainsFields(actual.get(name), expected.get(name), path + "." + name);
            });
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++)
                assertContainsFields(actual.get(i), expected.get(i), path + "[" + i + "]");
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}

package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.nn.conv.Conv1d;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.ConvPadding;
import dev.myelin.nn.conv.ConvTranspose2d;
import dev.myelin.nn.conv.PaddingMode;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registry of module types: every registered type round-trips through JSON, and the state shapes its
 * registration computes from the JSON alone are exactly the shapes of the module it builds.
 */
class ModuleRegistryTest {

    /** Modules of the registered types that have required arguments, in non-default settings. */
    private static List<Module> examples(Generator gen) {
        return List.of(
                new Sequential(new Linear(3, 4, gen), new ReLU(), new Linear(4, 2, false, gen)),
                new Linear(5, 3, false, gen),
                new MLP(4, List.of(6, 5), 2, Activation.TANH, gen),
                new MLP(4, List.of(), 2, gen),
                new BatchNorm1d(7, 1e-3, 0.3),
                new LayerNorm(new int[] {2, 3}, 1e-6, true),
                new LayerNorm(new int[] {4}, 1e-5, false),
                new Embedding(9, 3, gen),
                new dev.myelin.nn.rnn.RNN(3, 4, 2, "relu", false, true, 0.25, true, gen),
                new dev.myelin.nn.rnn.LSTM(3, 5, 2, true, false, 0.1, true, gen),
                new dev.myelin.nn.rnn.GRU(2, 3, 1, false, true, 0, false, gen),
                new dev.myelin.nn.rnn.RNNCell(3, 4, false, "relu", gen),
                new dev.myelin.nn.rnn.LSTMCell(3, 4, gen),
                new dev.myelin.nn.rnn.GRUCell(2, 3, false, gen),
                new Unflatten(1, 2, 3),
                new Select(1, -1),
                new Mean(1),
                new Mean(-1, true),
                new dev.myelin.nn.conv.BatchNorm2d(5, 1e-3, null, false, true),
                new dev.myelin.nn.conv.MaxPool2d(
                        new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, true, true),
                new dev.myelin.nn.conv.MaxPool2d(2),
                new dev.myelin.nn.conv.AvgPool2d(new int[] {3, 3}, null, new int[] {1, 1}, true, false, 5),
                new dev.myelin.nn.conv.AdaptiveAvgPool2d(new int[] {3, 2}),
                new dev.myelin.nn.conv.AdaptiveMaxPool2d(4),
                new dev.myelin.nn.conv.Upsample(
                        new int[] {5, 7}, null, dev.myelin.nn.conv.Upsample.Mode.BILINEAR, true),
                new dev.myelin.nn.conv.Upsample(2.0, dev.myelin.nn.conv.Upsample.Mode.NEAREST),
                new Conv1d(3, 6, 4, 1, ConvPadding.SAME, 2, 3, false, PaddingMode.REFLECT, gen),
                new Conv2d(1, 32, 3, 1, 1, gen),
                Conv2d.builder(4, 8, 3)
                        .kernelSize(3, 2)
                        .stride(2, 1)
                        .padding(1, 0)
                        .dilation(1, 2)
                        .groups(2)
                        .paddingMode(PaddingMode.REPLICATE)
                        .build(gen),
                new ConvTranspose2d(
                        4,
                        6,
                        new int[] {3, 2},
                        new int[] {2, 2},
                        new int[] {1, 0},
                        new int[] {1, 0},
                        2,
                        false,
                        new int[] {1, 1},
                        gen),
                new dev.myelin.nn.attention.MultiheadAttention(8, 2, 0.1, false, 3, 5, true, gen),
                new dev.myelin.nn.attention.MultiheadAttention(6, 3, gen),
                new dev.myelin.nn.attention.TransformerEncoderLayer(
                        8, 2, 12, 0.2, Activation.GELU, 1e-6, true, true, gen),
                new dev.myelin.nn.attention.TransformerDecoderLayer(
                        8, 4, 16, 0.0, Activation.RELU, 1e-5, false, false, gen),
                new dev.myelin.nn.attention.TransformerEncoder(
                        new dev.myelin.nn.attention.TransformerEncoderLayer(4, 2, gen), 2, new LayerNorm(4)),
                new dev.myelin.nn.attention.TransformerDecoder(
                        new dev.myelin.nn.attention.TransformerDecoderLayer(4, 1, gen), 1, null),
                new dev.myelin.nn.attention.SinusoidalPositionalEncoding(6, 0.1, 30, true, gen),
                new dev.myelin.nn.attention.LearnedPositionalEmbedding(28, 8, false, gen),
                new dev.myelin.nn.graph.GCNConv(3, 4, true, false, true, false, gen),
                new dev.myelin.nn.graph.SAGEConv(3, 2, dev.myelin.nn.graph.Aggregation.MAX, true, false, false, gen),
                new dev.myelin.nn.graph.GATConv(
                        3, 2, 2, false, 0.1, 0.2, false, 3, dev.myelin.graph.SelfLoopFill.constant(0.5), false, gen),
                new dev.myelin.nn.graph.GATConv(4, 3, 1, gen),
                new dev.myelin.nn.graph.GATv2Conv(
                        3, 2, 2, true, 0.2, 0, true, 2, dev.myelin.graph.SelfLoopFill.of("max"), true, true, gen),
                new dev.myelin.nn.graph.GATv2Conv(5, 2, 3, gen),
                new dev.myelin.nn.graph.GINConv(new MLP(3, List.of(5), 4, gen), 0.25, true),
                new dev.myelin.nn.graph.GINConv(new Linear(3, 2, gen)),
                new dev.myelin.nn.graph.TransformerConv(3, 2, 2, true, true, 0.1, 2, false, true, gen),
                new dev.myelin.nn.graph.TransformerConv(3, 2, 3, false, true, 0, null, true, true, gen),
                new dev.myelin.nn.graph.TransformerConv(4, 2, 1, true, true, 0, null, true, false, gen),
                new GraphModule(
                        List.of("x"),
                        List.of(
                                new GraphModule.Node("a", new Linear(2, 3, gen), List.of("x")),
                                new GraphModule.Node("b", new MLP(3, List.of(4), 1, gen), List.of("a"))),
                        List.of("b", "a")));
    }

    @Test
    void everyRegisteredTypeRoundTripsAndDeclaresItsStateShapes() {
        Generator gen = new Generator(1);
        Map<String, Module> byType = new LinkedHashMap<>();
        for (Module m : examples(gen)) byType.putIfAbsent(m.getClass().getSimpleName(), m);
        List<Module> all = new ArrayList<>(examples(gen));
        for (String name : ModuleRegistry.names()) {
            ModuleType<?> type = ModuleRegistry.find(name);
            if (!type.moduleClass().getPackageName().startsWith("dev.myelin.nn"))
                continue; // registered by another test
            if (type.args().stream().noneMatch(Arg::required))
                all.add(Architecture.fromJson("{\"type\":\"" + name + "\"}", gen));
            else
                assertThat(byType)
                        .as("module type %s has required arguments: add an example of it to this test", name)
                        .containsKey(name);
        }
        for (Module m : all) {
            String json = Architecture.toJson(m);
            ModuleSpec spec = Architecture.parse(json);
            Map<String, int[]> declared = spec.stateShapes().asMap();
            Map<String, Tensor> actual = m.stateDict();
            assertThat(declared.keySet()).as(json).containsExactlyElementsOf(actual.keySet());
            actual.forEach((k, v) ->
                    assertThat(declared.get(k)).as("%s in %s", k, json).containsExactly(v.shape()));

            Module rebuilt = spec.build(new Generator(2));
            assertThat(rebuilt.getClass()).isEqualTo(m.getClass());
            assertThat(Architecture.toJson(rebuilt)).isEqualTo(json);
            assertThat(rebuilt.toString()).isEqualTo(m.toString());
        }
    }

    @Test
    void specsValidateWithoutBuilding() {
        ModuleSpec spec = Architecture.parse(
                "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":46340,\"out\":46340},{\"type\":\"ReLU\"}]}");
        assertThat(spec.type().name()).isEqualTo("Sequential");
        assertThat(spec.stateShapes().asMap().get("0.weight")).containsExactly(46340, 46340);
        assertThat(spec.stateShapes().totalNumel()).isEqualTo(46340L * 46340 + 46340);
        assertThat(spec.args().path()).isEqualTo("$");
    }

    @Test
    void absurdSizesGetAMessageInsteadOfOutOfMemory() {
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Linear\",\"in\":65536,\"out\":65536}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$ (Linear) needs tensor 'weight' of shape [65536, 65536]")
                .hasMessageContaining("2^31-1");
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 64; i++)
            layers.append(i == 0 ? "" : ",").append("{\"type\":\"Linear\",\"in\":46340,\"out\":46340}");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Sequential\",\"layers\":[" + layers + "]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than this JVM's maximum heap");
        // a count from JSON that would list billions of tensors (the fuzzer's LSTM ran the loader out of memory)
        assertThatThrownBy(() -> Architecture.parse(
                                "{\"type\":\"LSTM\",\"inputSize\":3,\"hiddenSize\":4,\"numLayers\":277722662}")
                        .stateShapes())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 100000 tensors (at 'weight_ih_l25000')");
    }

    @Test
    void constructorComplaintsNameThePath() {
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Dropout\",\"p\":1.5}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.layers[0] (Dropout): Dropout: probability p must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"LayerNorm\",\"normalizedShape\":[4,0]}"))
                .hasMessageContaining("field $.normalizedShape[1] must be a positive integer, got 0");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Linear\",\"in\":3,\"out\":2,\"bais\":false}"))
                .hasMessageContaining("unknown field $.bais for type Linear; its fields are [in, out, bias]");
    }

    /** A user-defined type with a defaulted count and an optional index (as PyTorch's {@code Optional[int] = None}). */
    static final class Repeat extends Module {
        static final Arg<Repeat, Integer> TIMES = Arg.positiveInt("times", 1, Repeat::times);
        static final Arg<Repeat, Integer> SKIP = Arg.optionalInt("skip", Repeat::skip);
        static final ModuleType<Repeat> TYPE = ModuleType.of(
                Repeat.class,
                List.of(TIMES, SKIP),
                (a, gen) -> new Repeat(a.get(TIMES), a.get(SKIP)),
                a -> new StateShapes().add("scale", a.get(TIMES)));
        private final int times;
        private final Integer skip;

        Repeat(int times, Integer skip) {
            this.times = times;
            this.skip = skip;
            registerParameter("scale", new Parameter(Tensor.ones(times)));
        }

        int times() {
            return times;
        }

        Integer skip() {
            return skip;
        }

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(parameter("scale").sum());
        }
    }

    @Test
    void userTypesWithDefaultsAndOptionalArguments() {
        ModuleRegistry.register(Repeat.TYPE);
        Repeat r = (Repeat) Architecture.fromJson("{\"type\":\"Repeat\"}");
        assertThat(r.times()).isEqualTo(1);
        assertThat(r.skip()).isNull();
        assertThat(Architecture.toJson(r)).doesNotContain("skip").contains("\"times\" : 1");
        Repeat r2 = (Repeat) Architecture.fromJson("{\"type\":\"Repeat\",\"times\":3,\"skip\":-1}");
        assertThat(r2.skip()).isEqualTo(-1);
        assertThat(Architecture.toJson(r2)).contains("\"skip\" : -1");
        assertThat(Architecture.parse(Architecture.toJson(r2))
                        .stateShapes()
                        .asMap()
                        .get("scale"))
                .containsExactly(3);
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Repeat\",\"times\":0}"))
                .hasMessageContaining("field $.times must be a positive integer, got 0");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Repeat\",\"skip\":1.5}"))
                .hasMessageContaining("field $.skip must be an integer, got 1.5");
    }

    @Test
    void registrationIsCheckedAndIdempotent() {
        ModuleRegistry.register(Linear.TYPE); // again: nothing happens
        assertThat(ModuleRegistry.find("Linear")).isSameAs(Linear.TYPE);
        assertThat(ModuleRegistry.forClass(Linear.class)).isSameAs(Linear.TYPE);
        assertThatThrownBy(() -> ModuleRegistry.register(ModuleType.stateless(ReLU.class, ReLU::new)))
                .hasMessageContaining("'ReLU' is already registered");
        assertThat(ModuleRegistry.names())
                .startsWith("Sequential", "GraphModule", "Linear", "MLP")
                .contains("LogSoftmax");
        assertThatThrownBy(() -> Arg.positiveInt("type", (Linear l) -> 1)).hasMessageContaining("[type]");
        assertThatThrownBy(() -> ModuleType.of(
                        Linear.class,
                        List.of(Arg.positiveInt("in", Linear::inFeatures), Arg.positiveInt("in", Linear::outFeatures)),
                        (a, gen) -> null,
                        a -> new StateShapes()))
                .hasMessageContaining("'in' is declared twice");
    }
}

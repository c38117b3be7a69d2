package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Module trees to JSON specs and back: same structure, same names and shapes, same outputs after loading the state dict. */
class ArchitectureTest {

    @Test
    void sequentialSpecHasTheDocumentedForm() throws Exception {
        Generator gen = new Generator(1);
        Sequential s = new Sequential(new Linear(10, 32, gen), new ReLU(), new Linear(32, 1, false, gen));
        JsonNode json = new ObjectMapper().readTree(Architecture.toJson(s));
        assertThat(json).isEqualTo(new ObjectMapper().readTree("""
                {"type":"Sequential","layers":[
                  {"type":"Linear","in":10,"out":32,"bias":true},
                  {"type":"ReLU"},
                  {"type":"Linear","in":32,"out":1,"bias":false}]}"""));
    }

    @Test
    void everyStandardModuleRoundTrips() {
        Generator gen = new Generator(2);
        Sequential original = new Sequential(
                new Embedding(7, 4, gen),
                new Flatten(),
                new LayerNorm(new int[] {8}, 1e-6, true),
                new Linear(8, 6, gen),
                new BatchNorm1d(6, 1e-3, 0.2),
                new LeakyReLU(0.2),
                new ELU(0.5),
                new GELU(),
                new Softplus(2, 10),
                new Dropout(0.25, gen),
                new Tanh(),
                new Sigmoid(),
                new Identity(),
                new Step(),
                new ReLU(),
                new MLP(6, List.of(5, 4), 3, Activation.GELU, gen),
                new LogSoftmax(1),
                new Softmax(-1));
        String json = Architecture.toJson(original);
        Module rebuilt = Architecture.fromJson(json, new Generator(99));
        assertThat(rebuilt.toString()).isEqualTo(original.toString());
        assertThat(Architecture.toJson(rebuilt)).isEqualTo(json);
        assertThat(rebuilt.stateDict().keySet())
                .containsExactlyElementsOf(original.stateDict().keySet());
        for (var e : original.stateDict().entrySet())
            assertThat(rebuilt.stateDict().get(e.getKey()).shape())
                    .as(e.getKey())
                    .containsExactly(e.getValue().shape());

        original.forward(Tensor.fromRows(new float[][] {{1, 2}, {3, 4}, {5, 6}})); // move BatchNorm stats
        rebuilt.loadStateDict(original.stateDict());
        original.eval();
        rebuilt.eval();
        Tensor idx = Tensor.fromRows(new float[][] {{0, 6}, {2, 3}});
        assertThat(rebuilt.forward(idx).data())
                .containsExactly(original.forward(idx).data());
    }

    @Test
    void mlpSpecKeepsCourseNames() {
        MLP mlp = new MLP(10, List.of(32, 16), 1, Activation.TANH, new Generator(3));
        String json = Architecture.toJson(mlp);
        assertThat(json).contains("\"type\" : \"MLP\"").contains("\"activation\" : \"tanh\"");
        Module back = Architecture.fromJson(json);
        assertThat(back).isInstanceOf(MLP.class);
        assertThat(back.namedParameters().keySet())
                .containsExactlyElementsOf(mlp.namedParameters().keySet());
        assertThat(back.parameterCount()).isEqualTo(897);
    }

    @Test
    void optionalFieldsTakePyTorchDefaults() {
        Module m = Architecture.fromJson("""
                {"type":"Sequential","layers":[{"type":"Linear","in":3,"out":2},{"type":"Dropout"},{"type":"BatchNorm1d","numFeatures":2}]}""");
        assertThat(m.toString()).contains("bias=True").contains("p=0.5").contains("eps=1e-05, momentum=0.1");
    }

    @Test
    void badSpecsNameTheField() {
        assertThatThrownBy(() ->
                        Architecture.fromJson("{\"type\":\"Sequential\",\"layers\":[{\"type\":\"Linear\",\"in\":3}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.layers[0].out");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Conv7d\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Conv7d")
                .hasMessageContaining("$.type");
        assertThatThrownBy(() -> Architecture.fromJson("{\"layers\":[]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.type");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Linear\",\"in\":3,\"out\":2,\"bais\":false}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.bais");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"Linear\",\"in\":\"3\",\"out\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.in");
        assertThatThrownBy(
                        () -> Architecture.fromJson(
                                "{\"type\":\"MLP\",\"inputDim\":3,\"hiddenLayers\":[4],\"outputDim\":1,\"activation\":\"swish\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.activation")
                .hasMessageContaining("swish");
        assertThatThrownBy(() -> Architecture.fromJson("{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void customModulesAreRejectedWithAMessage() {
        Module custom = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        assertThatThrownBy(() -> Architecture.toJson(new Sequential(new ReLU(), custom)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.layers[1]")
                .hasMessageContaining("not a registered module type")
                .hasMessageContaining("ModuleRegistry.register");
    }
}

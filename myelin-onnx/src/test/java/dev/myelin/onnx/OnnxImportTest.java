package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.io.ModelFileException;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Sequential;
import dev.myelin.onnx.proto.Onnx.ModelProto;
import dev.myelin.onnx.proto.Onnx.NodeProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PyTorch's ONNX exports of an MLP and the cnn/lenet twins load into Myelin and give PyTorch's outputs within 1e-5. */
class OnnxImportTest {
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn", "lenet"})
    void pytorchExportsGivePytorchsOutputs(String name) throws Exception {
        Sequential model = OnnxImporter.read(Reference.file(name + ".onnx"));
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        Reference.json().get(name).fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> batch = it.next();
            Close.assertClose(
                    name + " batch " + batch.getKey(),
                    OnnxExportTest.eval(model, Reference.tensor(batch.getValue().get("input"))),
                    Reference.tensor(batch.getValue().get("output")));
        }
    }

    @Test
    void lenetImportsAsTheBuiltInsLayers() throws Exception {
        Sequential model = OnnxImporter.read(Reference.file("lenet.onnx"));
        assertThat(model.children().stream().map(m -> m.typeName()).toList())
                .containsExactly(
                        "Unflatten",
                        "Conv2d",
                        "ReLU",
                        "MaxPool2d",
                        "Conv2d",
                        "ReLU",
                        "MaxPool2d",
                        "Flatten",
                        "Linear",
                        "ReLU",
                        "Linear",
                        "ReLU",
                        "Linear");
        // saved like any model: the architecture JSON round-trips
        assertThat(Architecture.fromJson(Architecture.toJson(model)).stateDict().keySet())
                .isEqualTo(model.stateDict().keySet());
    }

    /** Fine-tuning: the imported weights are trainable parameters; Adam steps on one batch fit it (loss halves). */
    @Test
    void anImportedModelFineTunes() throws Exception {
        Sequential model = OnnxImporter.read(Reference.file("mlp.onnx"));
        model.train();
        dev.myelin.tensor.Tensor x = dev.myelin.tensor.Tensor.randn(new dev.myelin.tensor.Generator(2), 16, 12);
        dev.myelin.tensor.Tensor y =
                dev.myelin.tensor.Tensor.fromArray(new float[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, 16);
        var loss = new dev.myelin.loss.CrossEntropyLoss();
        var adam = new dev.myelin.optim.Adam(model.parameters(), 0.05);
        double first = loss.forward(model.forward(x), y).item(), last = first;
        for (int step = 0; step < 60; step++) {
            adam.zeroGrad();
            dev.myelin.tensor.Tensor l = loss.forward(model.forward(x), y);
            l.backward();
            adam.step();
            last = l.item();
        }
        assertThat(model.parameters()).hasSize(8);
        assertThat(last).isLessThan(first * 0.5);
    }

    @Test
    void exportThenImportIsTheSameModel() throws Exception {
        Sequential model = OnnxImporter.read(Reference.file("lenet.onnx"));
        Sequential again = OnnxImporter.fromModel(OnnxExporter.toModel(model, 784));
        JsonNode batch = Reference.json().get("lenet").get("3");
        Close.assertClose(
                "lenet round trip",
                OnnxExportTest.eval(again, Reference.tensor(batch.get("input"))),
                Reference.tensor(batch.get("output")));
    }

    @Test
    void anUnsupportedOperatorNamesTheNodeAndOperator() throws Exception {
        ModelProto mlp = ModelProto.parseFrom(Files.readAllBytes(Reference.file("mlp.onnx")));
        ModelProto.Builder b = mlp.toBuilder();
        NodeProto relu = b.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("Relu"))
                .findFirst()
                .orElseThrow();
        int at = b.getGraph().getNodeList().indexOf(relu);
        b.getGraphBuilder().setNode(at, relu.toBuilder().setOpType("Gelu").setName("/my_gelu"));
        assertThatThrownBy(() -> OnnxImporter.fromModel(b.build()))
                .isInstanceOf(OnnxException.class)
                .hasMessageContaining("node '/my_gelu' (Gelu) has an operator that does not import");
    }

    @Test
    void aFileThatIsNotOnnxIsNamed(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01});
        assertThatThrownBy(() -> OnnxImporter.read(bad))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("bad.onnx")
                .hasMessageContaining("is not an ONNX model");
    }
}

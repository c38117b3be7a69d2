package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.io.ModelFile;
import dev.myelin.io.SafeTensors;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch weights in and out: every layer's state-dict names and shapes equal those of its PyTorch twin (so a
 * Myelin model file loads with {@code load_state_dict(strict=True)}), and PyTorch-written safetensors files load
 * into the Myelin twins and give PyTorch's outputs.
 */
class PyTorchWeightsTest {
    private static final String LENET = OnnxExportTest.seq(
            OnnxExportTest.unflatten(1, 28, 28),
            OnnxExportTest.conv("\"inChannels\":1,\"outChannels\":6,\"kernelSize\":5,\"padding\":2"),
            "{\"type\":\"ReLU\",\"inplace\":true}",
            "{\"type\":\"MaxPool2d\",\"kernelSize\":2}",
            OnnxExportTest.conv("\"inChannels\":6,\"outChannels\":16,\"kernelSize\":5"),
            "{\"type\":\"ReLU\",\"inplace\":true}",
            "{\"type\":\"MaxPool2d\",\"kernelSize\":2}",
            "{\"type\":\"Flatten\"}",
            OnnxExportTest.lin(400, 120),
            "{\"type\":\"ReLU\"}",
            OnnxExportTest.lin(120, 84),
            "{\"type\":\"ReLU\"}",
            OnnxExportTest.lin(84, 10));

    @Test
    void everyLayersStateDictNamesAndShapesArePytorchs() {
        int checked = 0;
        for (JsonNode c : Reference.json().get("state_names")) {
            Module m = Architecture.fromJson(c.get("spec").toString(), new Generator(0));
            Map<String, int[]> ours = new LinkedHashMap<>();
            m.stateDict().forEach((k, v) -> ours.put(k, v.shape()));
            Map<String, int[]> torch = new LinkedHashMap<>();
            c.get("state").fields().forEachRemaining(e -> {
                int[] s = new int[e.getValue().size()];
                for (int i = 0; i < s.length; i++) s[i] = e.getValue().get(i).asInt();
                torch.put(e.getKey(), s);
            });
            assertThat(ours.keySet()).as(c.get("spec").toString()).containsExactlyInAnyOrderElementsOf(torch.keySet());
            torch.forEach((k, s) ->
                    assertThat(ours.get(k)).as(c.get("spec") + " " + k).containsExactly(s));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
    }

    @Test
    void pytorchSafetensorsLoadIntoTheMlpTwin() throws Exception {
        Module mlp = Architecture.fromJson(
                "{\"type\":\"MLP\",\"inputDim\":12,\"hiddenLayers\":[16,8],\"outputDim\":3}", new Generator(0));
        mlp.loadStateDict(SafeTensors.read(Reference.file("mlp.safetensors")).tensors());
        assertOutputs("mlp_twin", mlp);
    }

    @Test
    void pytorchSafetensorsLoadIntoTheLenetTwin() throws Exception {
        Module lenet = Architecture.fromJson(LENET, new Generator(0));
        lenet.loadStateDict(
                SafeTensors.read(Reference.file("lenet.safetensors")).tensors());
        assertOutputs("lenet", lenet);
    }

    /** Out: a Myelin model file holds exactly the PyTorch twin's state-dict tensors, under the same names. */
    @Test
    void aMyelinModelFileHoldsThePytorchTwinsStateDict(@TempDir Path dir) throws Exception {
        Module lenet = Architecture.fromJson(LENET, new Generator(5));
        Path file = dir.resolve("lenet.safetensors");
        ModelFile.save(file, lenet);
        Map<String, Tensor> saved = SafeTensors.read(file).tensors();
        Map<String, Tensor> torch =
                SafeTensors.read(Reference.file("lenet.safetensors")).tensors();
        assertThat(saved.keySet()).isEqualTo(torch.keySet());
        torch.forEach((k, v) -> assertThat(saved.get(k).shape()).as(k).containsExactly(v.shape()));
        lenet.loadStateDict(torch);
        ModelFile.save(file, lenet);
        assertOutputs("lenet", ModelFile.load(file).model());
    }

    private static void assertOutputs(String name, Module model) {
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
}

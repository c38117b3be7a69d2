package dev.myelin.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The files src/test/python/onnx_fixtures.py wrote with PyTorch into src/test/resources/interop: ONNX and
 * safetensors files and reference.json (inputs and PyTorch's outputs, state-dict names). Tests never run Python.
 */
final class Reference {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode reference;

    private Reference() {}

    static synchronized JsonNode json() {
        if (reference == null) {
            try (InputStream in = Reference.class.getResourceAsStream("/interop/reference.json")) {
                if (in == null)
                    throw new IllegalStateException(
                            "interop/reference.json is missing; run src/test/python/onnx_fixtures.py");
                reference = JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reference;
    }

    /** A committed file under interop/. */
    static Path file(String name) {
        try {
            return Path.of(Reference.class.getResource("/interop/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("interop/" + name + " is missing; run src/test/python/onnx_fixtures.py", e);
        }
    }

    /** A tensor written by the script's {@code t(x)}: {"shape": [...], "data": [...]}. */
    static Tensor tensor(JsonNode node) {
        JsonNode shape = node.get("shape"), data = node.get("data");
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) s[i] = shape.get(i).asInt();
        float[] f = new float[data.size()];
        for (int i = 0; i < f.length; i++) f[i] = (float) data.get(i).asDouble();
        return Tensor.fromArray(f, s);
    }
}

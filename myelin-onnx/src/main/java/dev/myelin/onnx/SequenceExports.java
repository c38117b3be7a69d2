package dev.myelin.onnx;

import dev.myelin.nn.Module;

import java.util.Map;

/** The ONNX form of the recurrent and attention layers. */
final class SequenceExports {
    private SequenceExports() {}

    static void addTo(Map<Class<? extends Module>, LayerExport> table) {
    }
}

package dev.myelin.onnx;

import dev.myelin.nn.Module;

import java.util.Map;

/** The attention layers. */
final class AttentionExports {
    private AttentionExports() {}

    static void addTo(Map<Class<? extends Module>, LayerExport> table) {
    }
}

package dev.myelin.onnx;

import java.util.Map;

/**
 * How a module with several outputs (a recurrent layer's output and final states) becomes ONNX nodes: returns the
 * ONNX value of each of the module's outputs by its name in {@link dev.myelin.nn.Outputs}.
 */
@FunctionalInterface
interface MultiExport {
    Map<String, String> export(ExportStep step);
}

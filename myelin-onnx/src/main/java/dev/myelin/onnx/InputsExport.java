package dev.myelin.onnx;

import dev.myelin.onnx.OnnxExporter.Emitted;
import java.util.List;

/**
 * How a module whose {@code call} takes several inputs (attention's query, key and value; a decoder's target and
 * memory; optional masks) becomes ONNX nodes: given the ONNX value and sample of each input in call order, returns
 * the module's outputs in the order of its {@link dev.myelin.nn.Outputs}.
 */
@FunctionalInterface
interface InputsExport {
    List<Emitted> export(ExportStep step, List<Emitted> inputs);
}

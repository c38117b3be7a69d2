package dev.myelin.onnx;

/** How one module type becomes ONNX nodes: adds them to the step's graph and returns the name of the output value. */
@FunctionalInterface
interface LayerExport {
    String export(ExportStep step);
}

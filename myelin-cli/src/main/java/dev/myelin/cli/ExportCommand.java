package dev.myelin.cli;

import dev.myelin.io.ModelFile;
import dev.myelin.nn.Module;
import dev.myelin.onnx.OnnxExporter;
import dev.myelin.tensor.Shapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin export MODEL --format onnx [--out FILE]}: a saved model as an ONNX file for other runtimes. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a saved model to another format: ONNX (opset " + OnnxExporter.OPSET
                + ", dynamic batch dimension).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "MODEL",
            description = "A model.safetensors written by myelin train or myelin import.")
    Path modelFile;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The format to write: onnx.")
    String format;

    @Option(
            names = {"--out", "-o"},
            paramLabel = "FILE",
            description = "The file to write (default: MODEL with the extension .onnx).")
    Path out;

    @Option(
            names = "--input-shape",
            split = ",",
            paramLabel = "N[,N...]",
            description =
                    "The input shape without the batch dimension, for a model whose first layer does not fix it (default: from the model).")
    int[] inputShape;

    @Override
    public Integer call() throws Exception {
        if (!format.equalsIgnoreCase("onnx"))
            throw new IllegalArgumentException("--format: unknown format '" + format + "'; choose onnx");
        ModelFile.Loaded loaded = ModelFile.load(modelFile);
        Module model = loaded.model();
        int[] shape = inputShape != null ? inputShape : OnnxExporter.inputShape(model);
        Path target = out != null ? out : defaultOut(modelFile);
        if (target.equals(modelFile))
            throw new IllegalArgumentException("--out " + target + " would overwrite the model file");
        if (Files.isDirectory(target))
            throw new IllegalArgumentException("--out " + target + " is a directory; give a file name");
        OnnxExporter.write(target, model, shape);
        System.out.println("wrote " + target + ": ONNX opset " + OnnxExporter.OPSET + ", input \"input\" [batch, "
                + Shapes.str(shape).replaceAll("[\\[\\]]", "") + "], output \"output\" (" + Files.size(target)
                + " bytes)");
        return 0;
    }

    /** model.safetensors → model.onnx, beside it. */
    static Path defaultOut(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".onnx");
    }
}

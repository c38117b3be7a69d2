package dev.myelin.cli;

import dev.myelin.io.ModelFile;
import dev.myelin.nn.Sequential;
import dev.myelin.onnx.OnnxImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin import FILE.onnx --out MODEL}: an ONNX file (as torch.onnx.export writes an MLP or CNN) as a Myelin model file. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description =
                "Import an ONNX model (a chain of layers, as torch.onnx.export writes MLPs and small CNNs) as a Myelin model file.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.onnx", description = "The ONNX file.")
    Path onnxFile;

    @Option(
            names = {"--out", "-o"},
            required = true,
            paramLabel = "MODEL",
            description = "The model file to write (e.g. model.safetensors).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(out))
            throw new IllegalArgumentException("--out " + out + " is a directory; give a file name");
        Sequential model = OnnxImporter.read(onnxFile);
        ModelFile.save(
                out,
                model,
                null,
                Map.of("myelin.imported_from", onnxFile.getFileName().toString()));
        System.out.println("wrote " + out + ": " + model.size() + " layers, " + model.parameterCount()
                + " parameters, from " + onnxFile);
        System.out.print(model);
        System.out.println();
        return 0;
    }
}

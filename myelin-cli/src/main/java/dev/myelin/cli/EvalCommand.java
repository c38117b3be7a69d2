package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.Splits;
import dev.myelin.data.split.TrainTestSplit;
import dev.myelin.io.ModelFile;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.tensor.Generator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin eval MODEL --data ...}: metrics and confusion matrix of a saved model on a data set's test split. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on a data set's test split.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.safetensors written by myelin train.")
    Path modelFile;

    @Option(
            names = "--data",
            required = true,
            description = "mnist, fashion-mnist, idx:DIR, csv:FILE or a synthetic set.")
    String data;

    @Option(names = "--label", description = "Target column for csv: data (default: the one the model was trained on).")
    String label;

    @Option(
            names = "--seed",
            description = "Seed of the train/test split for sets without one (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (label != null && !data.startsWith("csv:"))
            throw new IllegalArgumentException("--label applies to csv: data only; " + data + " has its own labels");
        ModelFile.Loaded loaded = ModelFile.load(modelFile);
        SequenceModels.refuse(loaded, modelFile, "eval");
        String schema = loaded.metadata().get(CsvSchemaJson.KEY);
        // a CSV file is encoded as the model's training file was (same columns, categories and class indices)
        LoadedData set = DataSources.loadWithSchema(
                data, label, seed, schema == null ? null : CsvSchemaJson.read(schema, modelFile));
        TensorDataset test = set.test();
        if (test == null) { // the same held-out part as train used for this seed
            TrainTestSplit s = Splits.trainTestSplit(
                    set.train().features(), set.train().targets(), 0.2, new Generator(seed), set.classification());
            test = new TensorDataset(s.xTest(), s.yTest());
        }
        ModelChecks.requireInputs(loaded.model(), set.features(), modelFile);
        ModelChecks.requireOutputs(loaded.model(), set.features(), set.outputs(), set.classification(), modelFile);
        Loss loss = set.classification() ? new CrossEntropyLoss() : new MSELoss();
        RunReport report = RunReport.evaluate(loaded.model(), loss, test, set);
        System.out.println(report.headline());
        if (set.classification()) System.out.print(report.classificationReport());
        return 0;
    }
}

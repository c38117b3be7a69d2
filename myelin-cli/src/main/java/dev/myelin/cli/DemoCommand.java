package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Activation;
import dev.myelin.nn.MLP;
import dev.myelin.optim.Adam;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code myelin demo NAME}: the course's examples, runnable in one command each. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        subcommands = {GanDemo.class},
        description =
                "Run a course example: xor, perceptron, regression, surface, moons, spirals, fashion-mnist, mnist, names, forecast, gcn, gpt, gan.")
final class DemoCommand implements Callable<Integer> {
    // optional for picocli so that a subcommand (gan) can stand in its place; call() requires it otherwise
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME",
            description = "xor, perceptron, regression, surface, moons, spirals, fashion-mnist, mnist, "
                    + "names (a character-level LSTM makes up words), forecast (an LSTM forecasts hourly temperatures), gcn (a graph network "
                    + "classifies the karate club's members from 4 labelled ones), gpt (a small character-level Transformer learns the "
                    + "fortunes package's quotations and writes more) or gan (see demo gan --help)")
    String name;

    @CommandLine.Option(
            names = {"--out", "-o"},
            paramLabel = "DIR",
            description = "Where plots and runs go (default: runs/demo-NAME).")
    Path out;

    @CommandLine.Option(
            names = "--temperature",
            description = "For names and gpt: the sampling temperature; lower picks likelier characters "
                    + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "0.8")
    double temperature;

    @CommandLine.Option(
            names = "--words",
            paramLabel = "FILE",
            description = "For names: a word list, one a line, instead of "
                    + "/usr/share/dict/words (words of letters a-z are used).")
    Path words;

    @CommandLine.Mixin
    GptOptions gpt = new GptOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (name == null)
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'NAME'");
        return switch (name) {
            case "xor" -> xor();
            case "perceptron" -> PerceptronDemo.run(System.out);
            case "regression" -> regression();
            case "surface" -> LossSurfaceDemo.run(System.out, outDir());
            case "moons", "spirals" ->
                train(
                        "--data",
                        name,
                        "--hidden",
                        "32,32",
                        "--epochs",
                        "150",
                        "--batch-size",
                        "32",
                        "--lr",
                        "0.01",
                        "--no-progress",
                        "--out",
                        outDir().toString());
            case "fashion-mnist", "mnist" ->
                train("--data", name, "--hidden", "256,128", "--epochs", "10", "--out", outDir().toString());
            case "names" -> NamesDemo.run(System.out, outDir(), words, temperature, 42);
            case "forecast" -> forecast();
            case "gcn" -> GcnDemo.run(System.out, outDir(), 42);
            case "gpt" -> GptDemo.run(System.out, outDir(), gpt, temperature);
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown demo '" + name
                                + "'; choose xor, perceptron, regression, surface, moons, spirals, fashion-mnist, mnist, names, forecast, gcn, gpt or gan");
        };
    }

    /** The hourly temperatures of Seattle in 2010 that Debian's python3-vega-datasets ships. */
    static final Path SEATTLE_TEMPS = Path.of("/usr/lib/python3/dist-packages/vega_datasets/_data/seattle-temps.csv");

    /**
     * An LSTM forecasting the next 24 hourly temperatures from the last 48, trained by {@code myelin train} on the
     * series' first 80 %, its forecast for the last 20 % plotted against the truth ({@code forecast.png}).
     */
    private int forecast() {
        if (!Files.isRegularFile(SEATTLE_TEMPS))
            throw new IllegalArgumentException("demo forecast reads " + SEATTLE_TEMPS
                    + " from Debian's python3-vega-datasets package, which is not "
                    + "installed (apt-get install python3-vega-datasets); any CSV series trains the same way with myelin train --data csv:FILE "
                    + "--label COLUMN --window N --horizon N --model lstm");
        return train(
                "--data",
                "csv:" + SEATTLE_TEMPS,
                "--label",
                "temp",
                "--window",
                "48",
                "--horizon",
                "24",
                "--model",
                "lstm",
                "--hidden",
                "64",
                "--epochs",
                "8",
                "--seed",
                "42",
                "--out",
                outDir().toString());
    }

    private Path outDir() {
        return out != null ? out : Path.of("runs", "demo-" + name);
    }

    private int train(String... args) {
        return MyelinCommand.commandLine().execute(prepend("train", args));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** XOR: not linearly separable, learned by one hidden layer; prints the truth table and draws the boundary. */
    private int xor() throws Exception {
        Generator gen = new Generator(1);
        TensorDataset table = SyntheticData.xor(); // targets [4, 1]; cross-entropy wants class indices [4]
        TensorDataset data = new TensorDataset(table.features(), table.targets().reshape(-1));
        MLP model = new MLP(2, List.of(4), 2, Activation.TANH, gen);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Adam optimizer = new Adam(model.parameters(), 0.05);
        for (int epoch = 1; epoch <= 300; epoch++) {
            Tensor loss = criterion.forward(model.forward(data.features()), data.targets());
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (epoch % 50 == 0) System.out.printf(Locale.ROOT, "epoch %3d  loss %.4f%n", epoch, loss.item());
        }
        Tensor p;
        try (var ignored = NoGrad.enter()) {
            p = model.forward(data.features()).softmax(1);
        }
        System.out.println("x1 x2 | target | P(1)   prediction");
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            float x1 = data.features().get(i, 0), x2 = data.features().get(i, 1);
            int target = (int) data.targets().get(i);
            int predicted = p.get(i, 1) > 0.5f ? 1 : 0;
            if (predicted == target) correct++;
            System.out.printf(
                    Locale.ROOT, " %.0f  %.0f |   %d    | %.3f  %d%n", x1, x2, target, p.get(i, 1), predicted);
        }
        Path dir = Files.createDirectories(outDir());
        float[][] points = RunPlots.rowsOf(data.features(), 4);
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) labels[i] = (int) data.targets().get(i);
        Plots.decisionBoundaryBatch(
                points,
                labels,
                xy -> RunPlots.classify(model, xy, 2),
                new String[] {"0", "1"},
                dir.resolve("decision-boundary.png"));
        System.out.println(
                correct + "/4 correct; decision boundary written to " + dir.resolve("decision-boundary.png"));
        return correct == 4 ? 0 : 1;
    }

    /** The course's PyTorch example: X = randn(100, 10), y = row sums, MLP [32, 16], MSE, Adam(1e-3). */
    private int regression() {
        Generator gen = new Generator(0);
        Tensor X = Tensor.randn(gen, 100, 10);
        Tensor y = X.sum(1, true);
        MLP model = new MLP(10, List.of(32, 16), 1, gen);
        MSELoss criterion = new MSELoss();
        Adam optimizer = new Adam(model.parameters(), 1e-3);
        float loss = Float.NaN;
        for (int epoch = 0; epoch < 2000; epoch++) {
            Tensor l = criterion.forward(model.forward(X), y);
            optimizer.zeroGrad();
            l.backward();
            optimizer.step();
            loss = l.item();
            if (epoch % 200 == 0 || epoch == 1999)
                System.out.printf(Locale.ROOT, "Epoch %d, Loss: %.4f%n", epoch, loss);
        }
        return loss < 0.05f ? 0 : 1;
    }
}

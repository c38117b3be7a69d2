package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.io.AtomicFiles;
import dev.myelin.nn.Activation;
import dev.myelin.nn.MLP;
import dev.myelin.optim.Adam;
import dev.myelin.optim.CosineAnnealingLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.plot.Plots;
import dev.myelin.plot.ScatterChart;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.Callback;
import dev.myelin.train.EpochLogs;
import dev.myelin.train.History;
import dev.myelin.train.LRSchedulerCallback;
import dev.myelin.train.TrainStep;
import dev.myelin.train.Trainer;
import dev.myelin.train.TrainingContext;
import dev.myelin.train.gan.GanStep;
import dev.myelin.train.gan.ModeCoverage;
import dev.myelin.train.gan.WganGpStep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GAN benchmark of a ring of 8 Gaussians (radius 2, std 0.02): MLP generator and critic (3 hidden layers of
 * 128, ReLU, 8 latent dimensions), trained by the {@link Trainer} as a {@link WganGpStep} (5 critic steps per
 * generator step on batches of 256, penalty weight 0.1, Adam(1e-3, betas (0.5, 0.9)) cooled by cosine annealing to
 * 1e-5), or with {@code --loss gan} as the non-saturating {@link GanStep}, which here collapses onto a few modes (the
 * failure this benchmark was made to show); after every epoch the generator draws 1,000 points
 * from fixed noise, their mode coverage ({@link ModeCoverage}: a mode counts when at least 2 % of them lie within
 * 3 std of it) is printed, and the real and generated points are plotted to {@code ring-epoch-N.png}. The run
 * directory gets {@code history.csv} and {@code summary.json}.
 */
final class RingGanDemo {
    static final int MODES = 8,
            EPOCHS = 40,
            EVAL_SAMPLES = 1000,
            LATENT = 8,
            HIDDEN = 128,
            BATCH = 256,
            BATCHES_PER_EPOCH = 50;
    static final double RADIUS = 2, STD = 0.02, LR = 1e-3, PLOT_RANGE = 3;
    /** The penalty weight of the WGAN-GP authors' toy experiments (wgan_toy.py); 10 is theirs for images. */
    static final double TOY_LAMBDA = 0.1;

    private RingGanDemo() {}

    record Settings(int epochs, boolean wgan, long seed) {}

    /** What the run ended with: modes covered by the last epoch's samples, the first epoch that covered all, the history. */
    record Result(int covered, int firstFullEpoch, double highQuality, History history) {}

    static Result run(PrintStream out, Path dir, Settings s) throws IOException {
        Files.createDirectories(dir);
        Generator root = new Generator(s.seed());
        Generator init = root.split(),
                dataGen = root.split(),
                order = root.split(),
                noise = root.split(),
                eval = root.split();
        TensorDataset ring =
                SyntheticData.gaussianRing(BATCH * BATCHES_PER_EPOCH * (s.wgan() ? 5 : 1), MODES, RADIUS, STD, dataGen);
        MLP generator = new MLP(LATENT, List.of(HIDDEN, HIDDEN, HIDDEN), 2, Activation.RELU, init);
        MLP discriminator = new MLP(2, List.of(HIDDEN, HIDDEN, HIDDEN), 1, Activation.RELU, init);
        TrainStep<Batch> step;
        if (s.wgan()) {
            step = new WganGpStep(
                    generator,
                    discriminator,
                    new Adam(generator.parameters(), LR).betas(0.5, 0.9),
                    new Adam(discriminator.parameters(), LR).betas(0.5, 0.9),
                    LATENT,
                    noise,
                    WganGpStep.DEFAULT_N_CRITIC,
                    TOY_LAMBDA);
        } else {
            step = new GanStep(
                    generator,
                    discriminator,
                    new Adam(generator.parameters(), LR).betas(0.5, 0.999),
                    new Adam(discriminator.parameters(), LR).betas(0.5, 0.999),
                    LATENT,
                    noise);
        }
        int batch = s.wgan() ? BATCH * WganGpStep.DEFAULT_N_CRITIC : BATCH;
        DataLoader<Batch> loader = DataLoader.builder(ring)
                .batchSize(batch)
                .shuffle(true)
                .dropLast(true)
                .generator(order)
                .build();
        Tensor z = Tensor.randn(
                eval, EVAL_SAMPLES, LATENT); // the same noise every epoch, so the pictures show the generator move
        Tensor centers = SyntheticData.ringCenters(MODES, RADIUS);
        float[][] realPoints = RunPlots.rowsOf(ring.features(), EVAL_SAMPLES);
        Monitor monitor = new Monitor(out, dir, generator, z, centers, realPoints);
        out.printf(
                Locale.ROOT,
                "%s on a ring of %d Gaussians (radius %.0f, std %.2f): %d real points an epoch, batch %d, seed %d%n",
                s.wgan() ? "WGAN-GP" : "GAN",
                MODES,
                RADIUS,
                STD,
                ring.size(),
                batch,
                s.seed());
        // WGAN losses are signed and may start near 0, so "grew 10^4-fold" means nothing; a NaN still stops the fit
        var trainer = Trainer.builder(step).epochs(s.epochs()).divergenceFactor(Double.POSITIVE_INFINITY);
        // the rate cools to 1/100 over the run: at 1e-3 the samples jitter around the modes; cooled, they settle on
        // them
        for (Optimizer o : step.optimizers().values())
            trainer.callback(new LRSchedulerCallback(new CosineAnnealingLR(o, s.epochs(), LR / 100)));
        History history = trainer.callback(new EpochLinePrinter(out))
                .callback(monitor)
                .build()
                .fit(loader, null);
        history.writeCsv(dir.resolve("history.csv"));
        ModeCoverage last = monitor.last;
        Result result = new Result(
                last == null ? 0 : last.covered(), monitor.firstFull, last == null ? 0 : last.highQuality(), history);
        writeSummary(dir, s, result, monitor);
        out.printf(
                Locale.ROOT,
                "modes covered: %d of %d (%.1f%% of samples within 3 std of a mode)%s; plots and summary.json in %s%n",
                result.covered(),
                MODES,
                100 * result.highQuality(),
                result.firstFullEpoch() > 0 ? "; all " + MODES + " first at epoch " + result.firstFullEpoch() : "",
                dir);
        return result;
    }

    /** Per epoch: coverage of the fixed-noise samples and the picture of real against generated points. */
    private static final class Monitor implements Callback {
        private final PrintStream out;
        private final Path dir;
        private final MLP generator;
        private final Tensor z, centers;
        private final float[][] real;
        final List<Integer> coveredPerEpoch = new ArrayList<>();
        ModeCoverage last;
        int firstFull;

        Monitor(PrintStream out, Path dir, MLP generator, Tensor z, Tensor centers, float[][] real) {
            this.out = out;
            this.dir = dir;
            this.generator = generator;
            this.z = z;
            this.centers = centers;
            this.real = real;
        }

        @Override
        public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
            Tensor fake;
            try (var off = NoGrad.enter()) {
                fake = generator.forward(z);
            }
            last = ModeCoverage.of(fake, centers, STD);
            coveredPerEpoch.add(last.covered());
            if (last.covered() == MODES && firstFull == 0) firstFull = logs.epoch();
            out.printf(
                    Locale.ROOT,
                    "  modes covered %d/%d, %.1f%% of samples within 3 std%n",
                    last.covered(),
                    MODES,
                    100 * last.highQuality());
            float[][] points = RunPlots.rowsOf(fake, EVAL_SAMPLES);
            for (float[] p :
                    points) // a diverged generator's points cannot be drawn; put them where the chart counts them as
                // outside
                for (int j = 0; j < 2; j++) if (!Float.isFinite(p[j])) p[j] = Float.MAX_VALUE;
            // the real points last, so their tight clusters show on top of the generated ones
            Plots.scatter(
                    String.format(Locale.ROOT, "epoch %d: %d of %d modes covered", logs.epoch(), last.covered(), MODES),
                    List.of(ScatterChart.Series.of("generated", points), ScatterChart.Series.of("real", real)),
                    PLOT_RANGE,
                    dir.resolve("ring-epoch-" + logs.epoch() + ".png"));
        }
    }

    private static void writeSummary(Path dir, Settings s, Result r, Monitor m) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("demo", "gan");
        summary.put("data", "ring");
        summary.put("loss", s.wgan() ? "wgan-gp" : "gan");
        summary.put("seed", s.seed());
        summary.put("modes", MODES);
        summary.put("radius", RADIUS);
        summary.put("std", STD);
        summary.put("epochs", r.history().epochs().size());
        summary.put("modes_covered", r.covered());
        summary.put("all_modes_first_at_epoch", r.firstFullEpoch() > 0 ? r.firstFullEpoch() : null);
        summary.put("high_quality_fraction", r.highQuality());
        summary.put("modes_covered_per_epoch", m.coveredPerEpoch);
        summary.put("samples_per_mode", m.last == null ? null : m.last.counts());
        summary.put(
                "d_loss", r.history().last() == null ? null : r.history().last().get("d_loss"));
        summary.put(
                "g_loss", r.history().last() == null ? null : r.history().last().get("g_loss"));
        summary.put("stopped", r.history().stopReason());
        try {
            AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(summary));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

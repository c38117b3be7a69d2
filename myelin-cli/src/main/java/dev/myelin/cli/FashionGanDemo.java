package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.io.AtomicFiles;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.LeakyReLU;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Tanh;
import dev.myelin.nn.Unflatten;
import dev.myelin.nn.conv.BatchNorm2d;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.ConvTranspose2d;
import dev.myelin.optim.Adam;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.Callback;
import dev.myelin.train.EpochLogs;
import dev.myelin.train.History;
import dev.myelin.train.TrainStep;
import dev.myelin.train.Trainer;
import dev.myelin.train.TrainingContext;
import dev.myelin.train.gan.GanStep;
import dev.myelin.train.gan.WganGpStep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code myelin demo gan --data fashion-mnist}: a GAN on Fashion-MNIST images scaled to [-1, 1] (the generator ends
 * in tanh), an MLP pair by default or a small DCGAN ({@code --arch dcgan}); after every epoch the generator draws
 * 64 images from fixed noise into {@code samples-epoch-N.png}. The run directory gets {@code history.csv} and
 * {@code summary.json}. By default it trains on all 60,000 training images for 5 epochs, a few minutes here.
 */
final class FashionGanDemo {
    static final int EPOCHS = 5, LATENT = 64, GRID = 64, SIDE = 28;
    static final double LR = 2e-4;

    private FashionGanDemo() {}

    record Settings(int epochs, int trainSize, boolean dcgan, boolean wgan, long seed) {}

    static History run(PrintStream out, Path dir, Settings s) throws IOException {
        ImageDataSet set = DatasetRegistry.defaults().load("fashion-mnist", true);
        int n = Math.min(s.trainSize(), set.train().size());
        Tensor images;
        try (var off = NoGrad.enter()) { // pixels in [0, 1] -> [-1, 1], tanh's range
            images = set.train().features().narrow(0, 0, n).mul(2f).sub(1f);
            if (s.dcgan()) images = images.reshape(n, 1, SIDE, SIDE);
        }
        TensorDataset data =
                new TensorDataset(images, set.train().targets().narrow(0, 0, n).contiguous());
        Generator root = new Generator(s.seed());
        Generator init = root.split(), order = root.split(), noise = root.split(), eval = root.split();
        Module generator = s.dcgan() ? dcganGenerator(init) : mlpGenerator(init);
        Module discriminator = s.dcgan() ? dcganDiscriminator(init, !s.wgan()) : mlpDiscriminator(init);
        TrainStep<Batch> step;
        int batch;
        if (s.wgan()) {
            step = new WganGpStep(
                    generator,
                    discriminator,
                    WganGpStep.paperAdam(generator.parameters()),
                    WganGpStep.paperAdam(discriminator.parameters()),
                    LATENT,
                    noise,
                    WganGpStep.DEFAULT_N_CRITIC,
                    WganGpStep.DEFAULT_LAMBDA);
            batch = 64 * WganGpStep.DEFAULT_N_CRITIC;
        } else {
            step = new GanStep(
                    generator,
                    discriminator,
                    new Adam(generator.parameters(), LR).betas(0.5, 0.999),
                    new Adam(discriminator.parameters(), LR).betas(0.5, 0.999),
                    LATENT,
                    noise);
            batch = 64;
        }
        DataLoader<Batch> loader = DataLoader.builder(data)
                .batchSize(batch)
                .shuffle(true)
                .dropLast(true)
                .generator(order)
                .build();
        Files.createDirectories(dir);
        Tensor z = Tensor.randn(eval, GRID, LATENT);
        out.printf(
                Locale.ROOT,
                "%s %s on %d Fashion-MNIST images, batch %d, %d epochs, seed %d; generator %,d and %s %,d parameters%n",
                s.dcgan() ? "DCGAN" : "MLP",
                s.wgan() ? "WGAN-GP" : "GAN",
                n,
                batch,
                s.epochs(),
                s.seed(),
                generator.parameterCount(),
                s.wgan() ? "critic" : "discriminator",
                discriminator.parameterCount());
        History history = Trainer.builder(step)
                .epochs(s.epochs())
                .divergenceFactor(Double.POSITIVE_INFINITY)
                .callback(new EpochLinePrinter(out))
                .callback(new SampleGrids(out, dir, generator, z))
                .build()
                .fit(loader, null);
        history.writeCsv(dir.resolve("history.csv"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("demo", "gan");
        summary.put("data", "fashion-mnist");
        summary.put("arch", s.dcgan() ? "dcgan" : "mlp");
        summary.put("loss", s.wgan() ? "wgan-gp" : "gan");
        summary.put("seed", s.seed());
        summary.put("train_images", n);
        summary.put("epochs", history.epochs().size());
        summary.put(
                "seconds",
                history.epochs().stream().mapToDouble(EpochLogs::seconds).sum());
        summary.put("d_loss", history.last() == null ? null : history.last().get("d_loss"));
        summary.put("g_loss", history.last() == null ? null : history.last().get("g_loss"));
        summary.put(
                "samples",
                history.last() == null
                        ? null
                        : "samples-epoch-" + history.last().epoch() + ".png");
        summary.put("stopped", history.stopReason());
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.pretty(summary));
        out.println("sample grids (samples-epoch-N.png), history.csv and summary.json in " + dir);
        return history;
    }

    /** z [n, 64] -> 256 -> 512 -> 784 pixels in (-1, 1). */
    static Module mlpGenerator(Generator gen) {
        return new Sequential(
                new Linear(LATENT, 256, gen),
                new LeakyReLU(0.2),
                new Linear(256, 512, gen),
                new LeakyReLU(0.2),
                new Linear(512, SIDE * SIDE, gen),
                new Tanh());
    }

    /** 784 pixels -> 512 -> 256 -> one logit (LeakyReLU 0.2 as in the GAN papers' MLPs). */
    static Module mlpDiscriminator(Generator gen) {
        return new Sequential(
                new Linear(SIDE * SIDE, 512, gen),
                new LeakyReLU(0.2),
                new Linear(512, 256, gen),
                new LeakyReLU(0.2),
                new Linear(256, 1, gen));
    }

    /** DCGAN-like: z -> 128 x 7 x 7 -> (transposed conv, stride 2) 64 x 14 x 14 -> 1 x 28 x 28, batch norm and ReLU between. */
    static Module dcganGenerator(Generator gen) {
        return new Sequential(
                new Linear(LATENT, 128 * 7 * 7, gen),
                new BatchNorm1d(128 * 7 * 7),
                new ReLU(),
                new Unflatten(1, 128, 7, 7),
                new ConvTranspose2d(128, 64, 4, 2, 1, 0, gen),
                new BatchNorm2d(64),
                new ReLU(),
                new ConvTranspose2d(64, 1, 4, 2, 1, 0, gen),
                new Tanh());
    }

    /**
     * 1 x 28 x 28 -> (conv 4x4, stride 2) 32 x 14 x 14 -> 64 x 7 x 7 -> one logit, LeakyReLU 0.2; batch norm only for the
     * GAN (a WGAN-GP critic must treat samples independently for its per-sample penalty).
     */
    static Module dcganDiscriminator(Generator gen, boolean batchNorm) {
        Sequential d =
                new Sequential(new Conv2d(1, 32, 4, 2, 1, gen), new LeakyReLU(0.2), new Conv2d(32, 64, 4, 2, 1, gen));
        if (batchNorm) d.add(new BatchNorm2d(64));
        return d.add(new LeakyReLU(0.2)).add(new Flatten()).add(new Linear(64 * 7 * 7, 1, gen));
    }

    /** After each epoch: 64 images from the same noise, in eval mode, as {@code samples-epoch-N.png}. */
    private record SampleGrids(PrintStream out, Path dir, Module generator, Tensor z) implements Callback {
        @Override
        public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
            Tensor x;
            generator.eval();
            try (var off = NoGrad.enter()) {
                x = generator.forward(z);
            } finally {
                generator.train();
            }
            float[] v = x.contiguous().toArray();
            float[][] images = new float[GRID][SIDE * SIDE];
            for (int i = 0; i < GRID; i++)
                for (int p = 0; p < SIDE * SIDE; p++)
                    images[i][p] = Math.clamp((v[i * SIDE * SIDE + p] + 1) / 2, 0f, 1f); // tanh's range back to [0, 1]
            Path file = dir.resolve("samples-epoch-" + logs.epoch() + ".png");
            Plots.imageGrid(images, SIDE, SIDE, null, null, null, file);
            out.println("  wrote " + file);
        }
    }
}

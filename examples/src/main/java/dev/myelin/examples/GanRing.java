package dev.myelin.examples;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.nn.MLP;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.train.History;
import dev.myelin.train.Trainer;
import dev.myelin.train.gan.GanStep;

/**
 * A GAN (docs/GAN.md): an MLP generator learns a ring of 8 Gaussians from an MLP discriminator, trained by the same
 * {@code Trainer} as a classifier with a {@code GanStep} (two models, two optimizers). A short run (5 epochs of 2560
 * points); prints each epoch's d_loss and g_loss (with seed 42 d_loss moves between 0.9 and 1.3 and g_loss between 0.7 and 1.1: neither model wins outright).
 */
public final class GanRing {
    private GanRing() {
    }

    public static void main(String[] args) {
        Generator gen = new Generator(42);                                  // one seed: weights, noise, data order
        MLP g = new MLP(8, java.util.List.of(64, 64), 2, gen);              // z [n, 8] -> a point [n, 2]
        MLP d = new MLP(2, java.util.List.of(64, 64), 1, gen);              // a point -> one logit
        GanStep step = new GanStep(g, d,
                new Adam(g.parameters(), 1e-3).betas(0.5, 0.999),           // the generator's optimizer
                new Adam(d.parameters(), 1e-3).betas(0.5, 0.999),           // the discriminator's
                8, gen.split());                                            // latent size, noise stream
        TensorDataset ring = SyntheticData.gaussianRing(2560, 8, 2, 0.02, gen.split());
        DataLoader<Batch> loader = DataLoader.builder(ring).batchSize(256).shuffle(true).generator(gen.split()).build();
        History h = Trainer.builder(step).epochs(5).build().fit(loader, null);
        double[] dLoss = h.series("d_loss"), gLoss = h.series("g_loss");
        for (int e = 0; e < dLoss.length; e++) System.out.printf("epoch %d d_loss %.4f g_loss %.4f%n", e + 1, dLoss[e], gLoss[e]);
    }
}

package dev.myelin.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code myelin demo gan}: a GAN on a ring of 8 Gaussians ({@link RingGanDemo}), or with {@code --data fashion-mnist}
 * on Fashion-MNIST images ({@link FashionGanDemo}). A subcommand of {@code demo} because it has flags of its own.
 */
@Command(
        name = "gan",
        mixinStandardHelpOptions = true,
        description = {
            "A generative adversarial network: on a ring of 8 Gaussians (plots of real and generated points per epoch, "
                    + "the number of modes covered), or with --data fashion-mnist on images (a grid of samples per epoch)."
        })
final class GanDemo implements Callable<Integer> {
    @Option(
            names = "--data",
            paramLabel = "NAME",
            defaultValue = "ring",
            description =
                    "ring (8 Gaussians on a circle of radius 2, std 0.02) or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(
            names = "--loss",
            paramLabel = "KIND",
            description =
                    "gan (the non-saturating GAN, BCE on the discriminator's logits) or wgan-gp (a critic with the gradient penalty, "
                            + "5 critic steps per generator step) (default: wgan-gp on the ring, where the plain GAN collapses onto a few modes; "
                            + "gan on fashion-mnist).")
    String loss;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Epochs (default: 40 for the ring, 5 for fashion-mnist).")
    Integer epochs;

    @Option(
            names = "--train-size",
            paramLabel = "N",
            description = "Fashion-MNIST: how many training images to use, from the start "
                    + "(default: all ${DEFAULT-VALUE}).",
            defaultValue = "60000")
    int trainSize;

    @Option(
            names = "--arch",
            paramLabel = "ARCH",
            defaultValue = "mlp",
            description =
                    "Fashion-MNIST: mlp or dcgan (a small convolutional "
                            + "GAN: ConvTranspose2d and BatchNorm2d in the generator, strided Conv2d in the discriminator; slower) (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--seed", defaultValue = "42", description = "Fixes every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = {"--out", "-o"},
            paramLabel = "DIR",
            description = "Run directory (default: runs/demo-gan or runs/demo-gan-fashion-mnist).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (loss != null && !loss.equals("gan") && !loss.equals("wgan-gp"))
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--loss must be gan or wgan-gp, got '" + loss + "'");
        if (epochs != null && epochs < 1)
            throw new CommandLine.ParameterException(spec.commandLine(), "--epochs must be >= 1, got " + epochs);
        boolean wgan = loss == null ? data.equals("ring") : loss.equals("wgan-gp");
        return switch (data) {
            case "ring" -> {
                Path dir = out != null ? out : Path.of("runs", "demo-gan");
                RingGanDemo.Result r = RingGanDemo.run(
                        System.out,
                        dir,
                        new RingGanDemo.Settings(epochs != null ? epochs : RingGanDemo.EPOCHS, wgan, seed));
                yield r.covered() == RingGanDemo.MODES ? 0 : 1;
            }
            case "fashion-mnist" -> {
                if (!arch.equals("mlp") && !arch.equals("dcgan"))
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--arch must be mlp or dcgan, got '" + arch + "'");
                if (trainSize < 1 || trainSize > 60000)
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--train-size must be in [1, 60000], got " + trainSize);
                Path dir = out != null ? out : Path.of("runs", "demo-gan-fashion-mnist");
                FashionGanDemo.run(
                        System.out,
                        dir,
                        new FashionGanDemo.Settings(
                                epochs != null ? epochs : FashionGanDemo.EPOCHS,
                                trainSize,
                                arch.equals("dcgan"),
                                wgan,
                                seed));
                yield 0;
            }
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--data must be ring or fashion-mnist, got '" + data + "'");
        };
    }
}

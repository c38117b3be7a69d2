/**
 * Generative adversarial networks as {@link dev.myelin.train.TrainStep}s for the {@link dev.myelin.train.Trainer}:
 * {@link dev.myelin.train.gan.GanStep} (the non-saturating GAN of Goodfellow et al.) and
 * {@link dev.myelin.train.gan.WganGpStep} (WGAN-GP, Gulrajani et al.), both over a {@link dev.myelin.train.gan.GanModels}
 * pair of generator and discriminator with one optimizer each; the {@link dev.myelin.train.gan.GradientPenalty} and
 * {@link dev.myelin.train.gan.ModeCoverage}, the usual measure of mode collapse on a mixture of Gaussians.
 */
package dev.myelin.train.gan;

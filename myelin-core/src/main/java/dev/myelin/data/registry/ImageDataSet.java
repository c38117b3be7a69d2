package dev.myelin.data.registry;

import dev.myelin.data.TensorDataset;
import java.nio.file.Path;

/**
 * A loaded train/test image data set ({@link DatasetRegistry#load}): images [N, 28, 28] or [N, 784] in [0, 1],
 * labels [N] class indices.
 *
 * @param name the registry name, e.g. {@code fashion-mnist}
 * @param train the training split (60,000 samples for MNIST and Fashion-MNIST)
 * @param test the test split (10,000 samples)
 * @param directory the directory the files were read from
 */
public record ImageDataSet(String name, TensorDataset train, TensorDataset test, Path directory) {}

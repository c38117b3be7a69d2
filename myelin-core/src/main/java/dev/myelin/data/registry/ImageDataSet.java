package dev.myelin.data.registry;

import dev.myelin.data.TensorDataset;
import java.nio.file.Path;

/** A loaded train/test image data set: images [N, 28, 28] or [N, 784] in [0, 1], labels [N] class indices. */
public record ImageDataSet(String name, TensorDataset train, TensorDataset test, Path directory) {}

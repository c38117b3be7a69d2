/**
 * Data loading: {@link dev.myelin.data.Dataset} (generic over its sample type), {@link dev.myelin.data.TensorDataset}
 * and the batching {@link dev.myelin.data.DataLoader}, whose {@link dev.myelin.data.Collate} function turns a list of
 * samples into a batch. Readers, splits, scalers, synthetic sets and augmentation live in sub-packages.
 *
 * <pre>{@code
 * TensorDataset data = SyntheticData.twoMoons(1000, 0.1, new Generator(0));      // features [1000, 2], labels [1000]
 * TrainTestSplit split = Splits.trainTestSplit(data.features(), data.targets(), 0.2, new Generator(1), true);
 * DataLoader<Batch> train = DataLoader.builder(split.train()).batchSize(32).shuffle(true)
 *         .generator(new Generator(2)).build();
 * for (Batch b : train) { ... b.inputs() [32, 2] ... b.targets() [32] ... }
 * }</pre>
 */
package dev.myelin.data;

/**
 * Data loading: {@link dev.myelin.data.Dataset} (generic over its sample type), {@link dev.myelin.data.TensorDataset}
 * and the batching {@link dev.myelin.data.DataLoader}, whose {@link dev.myelin.data.Collate} function turns a list of
 * samples into a batch. Readers, splits, scalers, synthetic sets and augmentation live in sub-packages.
 */
package dev.myelin.data;

/**
 * Data loading: {@link dev.myelin.data.Dataset}, {@link dev.myelin.data.TensorDataset} and the batching
 * {@link dev.myelin.data.DataLoader}. Readers, splits, scalers, synthetic sets and augmentation live in sub-packages.
 */
package dev.myelin.data;

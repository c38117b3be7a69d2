package dev.myelin.data.split;

/**
 * Sample indices of a training part and a held-out part (test or validation fold).
 *
 * @param train the indices of the training samples
 * @param test the indices of the held-out samples
 */
public record IndexSplit(int[] train, int[] test) {}

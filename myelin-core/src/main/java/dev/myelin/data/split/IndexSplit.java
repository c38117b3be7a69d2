package dev.myelin.data.split;

/** Sample indices of a training part and a held-out part (test or validation fold). */
public record IndexSplit(int[] train, int[] test) {}

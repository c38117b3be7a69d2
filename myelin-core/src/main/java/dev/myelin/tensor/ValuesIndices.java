package dev.myelin.tensor;

/** The result of max/min along a dim: the values and, as float-coded longs, their indices. */
public record ValuesIndices(Tensor values, Tensor indices) {
}

package dev.myelin.onnx;

import dev.myelin.tensor.Shapes;

/**
 * One named input of an exported graph: its shape without the batch dimension, and where the batch dimension goes
 * ({@code batchAxis} 0 for batch-first [N, L, E], 1 for sequence-first [L, N, E], -1 for an input without one, such
 * as an attention mask [L, S]). The batch dimension is symbolic in the file; the other sizes are fixed.
 *
 * @param name the graph input's name in the file (e.g. {@code "query"}); not empty, unique within a graph
 * @param batchAxis where the batch dimension is inserted into {@code shape}: 0 to {@code shape.length}, or -1 for
 *     none
 * @param shape the sizes without the batch dimension, each at least 1 (copied)
 */
public record GraphInput(String name, int batchAxis, int... shape) {
    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if the name is empty, the shape is missing or has a size ≤ 0, or the batch
     *     axis is outside -1..shape.length
     */
    public GraphInput {
        if (name == null || name.isEmpty())
            throw new IllegalArgumentException("ONNX export: a graph input needs a non-empty name");
        if (shape == null) throw new IllegalArgumentException("ONNX export: input '" + name + "' has no shape");
        shape = shape.clone();
        for (int d : shape)
            if (d <= 0)
                throw new IllegalArgumentException(
                        "ONNX export: input '" + name + "' has shape " + Shapes.str(shape) + " with a size ≤ 0");
        if (batchAxis < -1 || batchAxis > shape.length)
            throw new IllegalArgumentException("ONNX export: input '" + name + "' has batch axis " + batchAxis
                    + ", outside -1.." + shape.length + " for shape " + Shapes.str(shape));
    }

    /** {@return the sizes without the batch dimension (a copy)} */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /**
     * {@return an input whose batch dimension is first} The same as {@code new GraphInput(name, 0, shape)}.
     *
     * @param name the graph input's name
     * @param shape the sizes without the batch dimension
     * @throws IllegalArgumentException as the constructor
     */
    public static GraphInput batchFirst(String name, int... shape) {
        return new GraphInput(name, 0, shape);
    }

    /** The full shape with the batch dimension of size {@code batch} inserted (unchanged without one). */
    int[] withBatch(int batch) {
        if (batchAxis < 0) return shape();
        int[] full = new int[shape.length + 1];
        for (int i = 0, j = 0; i < full.length; i++) full[i] = i == batchAxis ? batch : shape[j++];
        return full;
    }
}

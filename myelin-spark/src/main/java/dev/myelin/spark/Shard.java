package dev.myelin.spark;

import java.io.Serializable;

/**
 * One partition's examples as flat arrays: {@code x} row-major [rows, width], {@code y} one label or target per row.
 * Training caches one shard per partition, so steps read arrays instead of rows.
 *
 * @param partition the partition's index
 * @param rows the number of examples
 * @param width the features per example
 * @param x the features, row-major [rows, width]
 * @param y one label or target per row
 */
record Shard(int partition, int rows, int width, float[] x, float[] y) implements Serializable {
    /** Rows {@code indices} (local) as features [m, width] and labels [m]. */
    float[][] gather(int[] indices, int m) {
        float[] fx = new float[m * width], fy = new float[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, indices[i] * width, fx, i * width, width);
            fy[i] = y[indices[i]];
        }
        return new float[][] {fx, fy};
    }
}

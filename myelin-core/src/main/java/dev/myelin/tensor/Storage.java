package dev.myelin.tensor;

/**
 * The memory behind one or more tensors: a float32 array and a version counter. Views (transpose,
 * slice, expand, ...) share a storage; every in-place write bumps its version, so a tensor saved for
 * backward can tell that its values changed after it was saved (as PyTorch's {@code _version}).
 */
public final class Storage {
    private final float[] data;
    private int version;

    Storage(float[] data) {
        this.data = data;
    }

    float[] data() {
        return data;
    }

    /** {@return the number of floats in the storage, which views may cover only in part} */
    public int length() {
        return data.length;
    }

    /**
     * How many in-place writes this storage has seen; see {@link Tensor#version()}.
     *
     * @return the version, starting at 0
     */
    public int version() {
        return version;
    }

    void bump() {
        version++;
    }
}

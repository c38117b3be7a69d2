package dev.myelin.data.idx;

import java.io.IOException;

/** Builders of small IDX files for tests in other packages. */
public final class IdxReaderTestFiles {
    private IdxReaderTestFiles() {}

    public static byte[] idx(int magic, int[] dims, int... data) {
        return IdxReaderTest.idx(magic, dims, data);
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        return IdxReaderTest.gzip(raw);
    }
}

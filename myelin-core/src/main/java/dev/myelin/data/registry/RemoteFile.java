package dev.myelin.data.registry;

/**
 * A file of a data set as published: its file name and the SHA-256 of its bytes (lower-case hex).
 *
 * @param name the published file name, e.g. {@code train-images-idx3-ubyte.gz}
 * @param sha256 the SHA-256 of the published (compressed) bytes, 64 lower-case hex digits
 */
public record RemoteFile(String name, String sha256) {
    /**
     * Checks the hash's form.
     *
     * @param name the published file name
     * @param sha256 the SHA-256 of the published bytes
     * @throws IllegalArgumentException unless {@code sha256} is 64 lower-case hex digits
     */
    public RemoteFile {
        if (!sha256.matches("[0-9a-f]{64}"))
            throw new IllegalArgumentException("RemoteFile " + name + ": sha256 must be 64 lower-case hex digits");
    }

    /** {@return the name without a trailing ".gz" (the file as users may have unpacked it)} */
    public String uncompressedName() {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}

package dev.myelin.data.registry;

/** A file of a data set as published: its file name and the SHA-256 of its bytes (lower-case hex). */
public record RemoteFile(String name, String sha256) {
    public RemoteFile {
        if (!sha256.matches("[0-9a-f]{64}"))
            throw new IllegalArgumentException("RemoteFile " + name + ": sha256 must be 64 lower-case hex digits");
    }

    /** The name without a trailing ".gz" (the file as users may have unpacked it). */
    public String uncompressedName() {
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}

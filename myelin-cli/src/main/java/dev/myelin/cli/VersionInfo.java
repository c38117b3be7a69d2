package dev.myelin.cli;

import picocli.CommandLine;

/** Version line for {@code myelin --version}. */
final class VersionInfo implements CommandLine.IVersionProvider {
    static final String VERSION = "0.1.0-SNAPSHOT";

    @Override
    public String[] getVersion() {
        return new String[] {"myelin " + VERSION};
    }
}

package dev.myelin.cli;

import dev.myelin.kernel.Parallel;
import jdk.incubator.vector.FloatVector;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code myelin info}: version, JDK, SIMD width and thread count, for bug reports and benchmarks. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show version, JDK, SIMD width and threads.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        var species = FloatVector.SPECIES_PREFERRED;
        System.out.println("myelin   " + VersionInfo.VERSION);
        System.out.println("java     " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("simd     " + species.vectorBitSize() + "-bit, " + species.length() + " float lanes");
        System.out.println("threads  " + Parallel.threads() + " (of " + Runtime.getRuntime().availableProcessors()
                + " cores; set MYELIN_THREADS to change)");
        return 0;
    }
}

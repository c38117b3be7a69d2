package dev.myelin.cli;

import dev.myelin.kernel.Parallel;
import dev.myelin.nn.ModuleRegistry;
import jdk.incubator.vector.FloatVector;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code myelin info}: version, JDK, SIMD width and thread count, for bug reports and benchmarks; the module types a --model spec may use. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show version, JDK, SIMD width, threads and module types.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        var species = FloatVector.SPECIES_PREFERRED;
        System.out.println("myelin   " + VersionInfo.VERSION);
        System.out.println("java     " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("simd     " + species.vectorBitSize() + "-bit, " + species.length() + " float lanes");
        System.out.println("threads  " + Parallel.threads() + " (of " + Runtime.getRuntime().availableProcessors()
                + " cores; set MYELIN_THREADS to change)");
        System.out.println("modules  " + String.join(", ", ModuleRegistry.names()) + " (types for train --model SPEC.json)");
        return 0;
    }
}

package dev.myelin.cli;

import dev.myelin.Myelin;
import dev.myelin.nn.ModuleRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code myelin info}: version, JDK, kernels (SIMD and its width, or plain Java) and thread count, for bug reports and benchmarks; the module types a --model spec may use. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show version, JDK, kernels (SIMD or plain Java), threads and module types.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println(Myelin.info());
        System.out.println(
                "modules  " + String.join(", ", ModuleRegistry.names()) + " (types for train --model SPEC.json)");
        return 0;
    }
}

package dev.myelin.spark;

/**
 * Checks run at the start of every Myelin task, on the executor: its kernels use the incubating Vector API, and an
 * executor JVM started without the module would otherwise fail deep inside a kernel with NoClassDefFoundError.
 */
final class ExecutorChecks {
    static final String MODULE = "jdk.incubator.vector";

    private ExecutorChecks() {}

    /** Fails with the option to set when the executor's JVM lacks the Vector API module. */
    static void requireVectorApi() {
        requireVectorApi(ModuleLayer.boot());
    }

    static void requireVectorApi(ModuleLayer layer) {
        if (layer.findModule(MODULE).isEmpty())
            throw new IllegalStateException(
                    "this executor's JVM was started without the Vector API module that Myelin's kernels need; "
                            + "set spark.executor.extraJavaOptions=--add-modules=" + MODULE
                            + " (and spark.driver.extraJavaOptions, or "
                            + "--driver-java-options, for the driver)");
    }
}

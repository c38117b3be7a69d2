package dev.myelin.kernel;

/**
 * Whether the kernels run on the Vector API ({@code jdk.incubator.vector}) or as plain Java loops. The Vector API is
 * an incubator module, so a JVM started without {@code --add-modules jdk.incubator.vector} cannot load any class that
 * names its types: the kernels that do are reached only through entry points that test {@link #ENABLED} and call a
 * plain-Java twin when it is false. The flag is a {@code static final}, so the JIT folds the test away and the SIMD
 * path costs nothing extra. This class names no Vector API type itself.
 */
public final class Simd {

    /** The incubator module the SIMD kernels need. */
    public static final String MODULE = "jdk.incubator.vector";

    /** Whether the Vector API module is in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}). */
    public static final boolean ENABLED = ModuleLayer.boot().findModule(MODULE).isPresent();

    /** Floats per vector on the SIMD path; 8 on the plain path (only used there to pick loop shapes). */
    private static final int LANES = ENABLED ? SimdLanes.preferred() : 8;

    static {
        if (!ENABLED) {
            System.getLogger("dev.myelin.kernel")
                    .log(
                            System.Logger.Level.INFO,
                            "SIMD off: add --add-modules " + MODULE
                                    + " to the java command (or to MAVEN_OPTS / Surefire's argLine)"
                                    + " to run Myelin's Vector API kernels; running plain-Java kernels (same results up to summation order, slower)");
        }
    }

    private Simd() {}

    /** Floats per preferred vector on the SIMD path (8 on the plain path). */
    public static int lanes() {
        return LANES;
    }

    /** One line for {@code myelin info} and {@code Myelin.info()}: which kernels run, and how to turn SIMD on when it is off. */
    public static String describe() {
        return ENABLED
                ? "SIMD (Vector API, " + LANES * 32 + "-bit vectors, " + LANES + " floats)"
                : "plain Java (SIMD off: add --add-modules " + MODULE + " to enable the Vector API kernels)";
    }
}

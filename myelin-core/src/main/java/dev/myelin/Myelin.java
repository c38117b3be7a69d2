package dev.myelin;

import dev.myelin.kernel.Parallel;
import dev.myelin.kernel.Simd;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What this Myelin runs on: its version, the JDK, which kernels run (the Vector API's SIMD kernels, or plain Java when
 * the JVM was started without {@code --add-modules jdk.incubator.vector}) and the thread count.
 *
 * <pre>{@code
 * System.out.println(Myelin.info());
 * if (!Myelin.simd()) System.err.println("slow path: start java with --add-modules jdk.incubator.vector");
 * }</pre>
 */
public final class Myelin {

    /** version.properties: this build's version and the versions of the optional dependencies it was built with. */
    static final Properties BUILD = readBuild();

    /** This library's version (from its build), or {@code "unknown"} when run from classes without it. */
    public static final String VERSION = BUILD.getProperty("version");

    private Myelin() {}

    /**
     * {@return whether the SIMD (Vector API) kernels run} False means the plain-Java kernels: the JVM was started
     * without {@code --add-modules jdk.incubator.vector}.
     */
    public static boolean simd() {
        return Simd.ENABLED;
    }

    /**
     * Four lines for bug reports and logs: version, JDK, kernels (SIMD or plain, and how to turn SIMD on) and threads
     * (set {@code MYELIN_THREADS} to change them).
     *
     * @return the four lines, separated by {@code \n}, without a trailing newline
     */
    public static String info() {
        return "myelin   " + VERSION + "\n"
                + "java     " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n"
                + "kernels  " + Simd.describe() + "\n"
                + "threads  " + Parallel.threads() + " (of "
                + Runtime.getRuntime().availableProcessors()
                + " cores; set MYELIN_THREADS to change)";
    }

    private static Properties readBuild() {
        Properties p = new Properties();
        try (InputStream in = Myelin.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unreadable: every value "unknown"
        }
        for (String key : new String[] {"version", "progressbar.version", "commons-csv.version"}) {
            String v = p.getProperty(key, "unknown");
            p.setProperty(key, v.startsWith("${") ? "unknown" : v);
        }
        return p;
    }
}

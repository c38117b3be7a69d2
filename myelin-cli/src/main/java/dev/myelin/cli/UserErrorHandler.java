package dev.myelin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns the exceptions a user can cause (bad files, bad data, bad model specs) into a one-line
 * message and exit code 1. Only real bugs keep their stack trace, and only with MYELIN_DEBUG=1.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        boolean userError = cause instanceof IOException
                || cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException
                || cause instanceof IndexOutOfBoundsException;
        cl.getErr().println("error: " + describe(cause));
        if (!userError || "1".equals(System.getenv("MYELIN_DEBUG"))) cause.printStackTrace(cl.getErr());
        return 1;
    }

    /** The one line for an OutOfMemoryError: which limit was hit and how to raise it. */
    static String outOfMemory() {
        return "out of memory: the data or model needs more than this JVM's maximum heap of "
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB; use a smaller model, batch or data set, or give Java more memory (MYELIN_JAVA_OPTS=-Xmx8g)";
    }

    private static String describe(Throwable t) {
        // one line whatever the message: a library message spanning lines is joined, control characters escaped
        String msg = t.getMessage() == null
                ? null
                : dev.myelin.tensor.Messages.oneLine(String.join(
                        "; ",
                        t.getMessage()
                                .lines()
                                .map(String::strip)
                                .filter(l -> !l.isEmpty())
                                .toList()));
        if (t instanceof java.nio.file.NoSuchFileException) return "no such file: " + msg;
        if (t instanceof java.nio.file.AccessDeniedException) return "permission denied: " + msg;
        return msg == null ? t.getClass().getSimpleName() : msg;
    }
}

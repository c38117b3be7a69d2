package dev.myelin.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the exceptions a user can cause (bad files, bad data, bad model specs) into a one-line
 * message and exit code 1. Only real bugs keep their stack trace, and only with MYELIN_DEBUG=1.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        boolean userError = cause instanceof IOException || cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException || cause instanceof IndexOutOfBoundsException;
        cl.getErr().println("error: " + describe(cause));
        if (!userError || "1".equals(System.getenv("MYELIN_DEBUG"))) cause.printStackTrace(cl.getErr());
        return 1;
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException) return "no such file: " + msg;
        if (t instanceof java.nio.file.AccessDeniedException) return "permission denied: " + msg;
        return msg == null ? t.getClass().getSimpleName() : msg;
    }
}

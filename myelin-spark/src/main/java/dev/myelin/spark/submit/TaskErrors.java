package dev.myelin.spark.submit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * One line for a user error, also when it happened inside a Spark task: Spark wraps a task's exception in a
 * SparkException whose message is the whole failure report, so the task's own message is dug out of the cause
 * chain (local mode) or the report (cluster). Other exceptions keep their stack trace.
 */
final class TaskErrors implements CommandLine.IExecutionExceptionHandler {
    private static final Pattern TASK_MESSAGE =
            Pattern.compile("java\\.lang\\.Illegal(?:Argument|State)Exception: ([^\\n]*)");

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String message = userMessage(ex);
        if (message == null) {
            ex.printStackTrace(cl.getErr());
            return 1;
        }
        cl.getErr().println("error: " + message);
        return 1;
    }

    /** The message of the user error behind {@code t}, or null for anything else. */
    static String userMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException || c instanceof IllegalStateException) return c.getMessage();
            if (c instanceof IOException || c instanceof UncheckedIOException) return c.getMessage();
            if (c.getMessage() != null && c.getClass().getName().startsWith("org.apache.spark")) {
                Matcher m = TASK_MESSAGE.matcher(c.getMessage());
                if (m.find()) return m.group(1);
                if (c.getClass().getSimpleName().equals("AnalysisException"))
                    return c.getMessage().lines().findFirst().orElse("");
            }
        }
        return null;
    }
}

package dev.myelin.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the {@code myelin} command in-process, as {@link Main#run} does, capturing what it prints. The
 * commands print progress with System.out, so both the picocli writers and System.out/err are redirected
 * (test classes using this hold the SYSTEM_OUT/SYSTEM_ERR resource locks).
 */
final class Cli {
    private Cli() {}

    /** Exit code and the captured standard output and error. */
    record Result(int exitCode, String out, String err) {
        /** The error output's lines, without blank ones. */
        java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8),
                e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(o);
            System.setErr(e);
            CommandLine cl = MyelinCommand.commandLine();
            cl.setOut(new PrintWriter(o, true));
            cl.setErr(new PrintWriter(e, true));
            code = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        // echo for the surefire report, so a failing test shows what the command said
        oldOut.println("$ myelin " + String.join(" ", args) + "  -> exit " + code);
        r.errLines().stream().limit(3).forEach(oldOut::println);
        return r;
    }
}

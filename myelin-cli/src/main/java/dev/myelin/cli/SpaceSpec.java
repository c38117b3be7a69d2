package dev.myelin.cli;

import dev.myelin.tune.Categorical;
import dev.myelin.tune.Dimension;
import dev.myelin.tune.FloatRange;
import dev.myelin.tune.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses one search-space dimension from its text form, as {@code myelin tune} flags and space files give it:
 * <ul>
 *   <li>{@code LO:HI} a range (integers for integer hyperparameters), {@code LO:HI:log} spread in log space</li>
 *   <li>{@code A,B,C} a choice among values; a single value fixes the hyperparameter</li>
 *   <li>for layer widths ({@code hidden}): alternatives separated by {@code /}, e.g. {@code 256,128/512/128,64}</li>
 * </ul>
 * Errors name the flag, the bad value and the accepted forms.
 */
final class SpaceSpec {
    /** What kind of value a hyperparameter takes. */
    enum Kind {
        INT,
        FLOAT,
        TEXT,
        BOOLEAN,
        LAYERS
    }

    private SpaceSpec() {}

    /**
     * @param name the hyperparameter (dimension) name
     * @param flag what the user typed it as (e.g. "--lr" or "space.json: lr"), for messages
     */
    static Dimension parse(String name, String flag, Kind kind, String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) throw bad(flag, text, kind, "it is empty");
        if (kind == Kind.LAYERS) return new Categorical(name, layers(flag, s));
        if (s.contains(":")) return range(name, flag, kind, s);
        List<Object> choices = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            Object v = value(flag, kind, part.strip(), s);
            if (choices.contains(v)) throw bad(flag, s, kind, "'" + part.strip() + "' appears twice");
            choices.add(v);
        }
        return new Categorical(name, choices);
    }

    private static Dimension range(String name, String flag, Kind kind, String s) {
        if (kind != Kind.INT && kind != Kind.FLOAT)
            throw bad(flag, s, kind, "a range LO:HI needs a numeric hyperparameter");
        String[] parts = s.split(":", -1);
        boolean log =
                parts.length == 3 && parts[2].strip().toLowerCase(Locale.ROOT).equals("log");
        if (parts.length != 2 && !log)
            throw bad(
                    flag,
                    s,
                    kind,
                    parts.length == 3
                            ? "the third part must be 'log', got '" + parts[2].strip() + "'"
                            : "a range has the form LO:HI or LO:HI:log");
        try {
            if (kind == Kind.INT) {
                int lo = (int) value(flag, kind, parts[0].strip(), s),
                        hi = (int) value(flag, kind, parts[1].strip(), s);
                if (lo > hi) throw bad(flag, s, kind, "LO (" + lo + ") is larger than HI (" + hi + ")");
                if (log && lo < 1) throw bad(flag, s, kind, "a log range needs LO >= 1");
                return new IntRange(name, lo, hi, log);
            }
            double lo = (double) value(flag, kind, parts[0].strip(), s),
                    hi = (double) value(flag, kind, parts[1].strip(), s);
            if (!(lo < hi))
                throw bad(
                        flag,
                        s,
                        kind,
                        "LO (" + parts[0].strip() + ") must be smaller than HI (" + parts[1].strip() + ")");
            if (log && !(lo > 0)) throw bad(flag, s, kind, "a log range needs LO > 0");
            return new FloatRange(name, lo, hi, log);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(flag)) throw e;
            throw bad(flag, s, kind, e.getMessage());
        }
    }

    private static Object value(String flag, Kind kind, String part, String whole) {
        if (part.isEmpty()) throw bad(flag, whole, kind, "it has an empty value");
        try {
            return switch (kind) {
                case INT -> Integer.parseInt(part);
                case FLOAT -> {
                    double d = Double.parseDouble(part);
                    if (!Double.isFinite(d)) throw new NumberFormatException();
                    yield d;
                }
                case BOOLEAN ->
                    switch (part.toLowerCase(Locale.ROOT)) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default -> throw new NumberFormatException();
                    };
                case TEXT -> part;
                case LAYERS -> throw new IllegalStateException("layers are parsed elsewhere");
            };
        } catch (NumberFormatException e) {
            String what = switch (kind) {
                case INT -> "an integer";
                case FLOAT -> "a finite number";
                case BOOLEAN -> "true or false";
                default -> "valid";
            };
            throw bad(flag, whole, kind, "'" + part + "' is not " + what);
        }
    }

    private static List<Object> layers(String flag, String s) {
        List<Object> alternatives = new ArrayList<>();
        for (String alt : s.split("/", -1)) {
            List<Integer> widths = new ArrayList<>();
            for (String w : alt.split(",", -1)) {
                int width = (int) value(flag, Kind.INT, w.strip(), s);
                if (width < 1) throw bad(flag, s, Kind.LAYERS, "layer widths must be >= 1, got " + width);
                widths.add(width);
            }
            if (alternatives.contains(widths)) throw bad(flag, s, Kind.LAYERS, "'" + alt.strip() + "' appears twice");
            alternatives.add(List.copyOf(widths));
        }
        return alternatives;
    }

    private static IllegalArgumentException bad(String flag, String value, Kind kind, String problem) {
        String forms = switch (kind) {
            case INT -> "LO:HI, LO:HI:log or A,B,C (integers)";
            case FLOAT -> "LO:HI, LO:HI:log or A,B,C (numbers)";
            case TEXT -> "A,B,C";
            case BOOLEAN -> "true, false or true,false";
            case LAYERS -> "widths separated by ',' and alternatives by '/', e.g. 256,128/512";
        };
        return new IllegalArgumentException(flag + ": bad value '" + value + "': " + problem + "; use " + forms);
    }
}

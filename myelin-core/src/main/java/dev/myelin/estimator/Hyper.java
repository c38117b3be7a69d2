package dev.myelin.estimator;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one declaration of an estimator hyperparameter: its name (scikit-learn's, in camelCase), default, the rule
 * a value must satisfy (checked by the setter, by {@code setParams} and when an {@link EstimatorFile} is loaded),
 * how a loosely typed value (a {@code setParams} map entry, a JSON number) becomes the typed value, and how the
 * typed value is shown by {@code getParams} (and so written to estimator files).
 *
 * @param <T> the typed value
 */
record Hyper<T>(
        String name, T defaultValue, Predicate<T> rule, String ruleText, Parser<T> parser, Function<T, Object> show) {

    /** Converts a loosely typed value; throws {@link WrongType} naming the type it needs. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(Object v);
    }

    /** A value of the wrong type; {@link Hyperparameters} adds the estimator and parameter name. */
    static final class WrongType extends RuntimeException {
        final String needed;

        WrongType(String needed) {
            super(needed, null, false, false);
            this.needed = needed;
        }
    }

    /** Checks v against the rule; the message is "{name} must be {rule}, got {v}". */
    T check(T v) {
        if (!rule.test(v)) {
            throw new IllegalArgumentException(name + " must be " + ruleText + ", got "
                    + (v instanceof int[] a ? java.util.Arrays.toString(a) : v));
        }
        return v;
    }

    static Hyper<Double> number(String name, double def, Predicate<Double> rule, String ruleText) {
        return new Hyper<>(name, def, rule, ruleText, Hyper::number, v -> v);
    }

    static Hyper<Integer> whole(String name, int def, Predicate<Integer> rule, String ruleText) {
        return new Hyper<>(name, def, rule, ruleText, v -> toInt(whole(v)), v -> v);
    }

    static Hyper<Boolean> flag(String name, boolean def) {
        return new Hyper<>(
                name,
                def,
                v -> true,
                "",
                v -> {
                    if (!(v instanceof Boolean b)) throw new WrongType("true or false");
                    return b;
                },
                v -> v);
    }

    /** A choice among names ({@code parse} throws for an unknown one), shown by {@code show}. */
    static <E> Hyper<E> choice(String name, E def, Function<String, E> parse, Function<E, Object> show) {
        return new Hyper<>(
                name,
                def,
                v -> true,
                "",
                v -> {
                    if (!(v instanceof String t)) throw new WrongType("a string");
                    return parse.apply(t);
                },
                show);
    }

    /** A choice among an enum's constants by their names in lower case (scikit-learn's spelling). */
    static <E extends Enum<E>> Hyper<E> lowerCase(String name, E def) {
        return choice(name, def, t -> parseLowerCase(def.getDeclaringClass(), name, t), Hyper::lowerCase);
    }

    static String lowerCase(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant whose lower-case name is {@code text}; else an error listing them, naming the parameter. */
    static <E extends Enum<E>> E parseLowerCase(Class<E> type, String name, String text) {
        for (E e : type.getEnumConstants()) {
            if (lowerCase(e).equals(text)) return e;
        }
        throw new IllegalArgumentException(name + " must be one of "
                + String.join(
                        ", ",
                        java.util.Arrays.stream(type.getEnumConstants())
                                .map(Hyper::lowerCase)
                                .toList()) + "; got '" + text + "'");
    }

    /** A seed: a whole number or null (a fresh seed per fit). */
    static Hyper<Long> seed(String name) {
        return seed(name, null);
    }

    /** A seed with a fixed default (scikit-learn's Perceptron has random_state=0). */
    static Hyper<Long> seed(String name, Long def) {
        return new Hyper<>(name, def, v -> true, "", v -> v == null ? null : whole(v), v -> v);
    }

    static double number(Object v) {
        if (!(v instanceof Number n)) throw new WrongType("a number");
        return n.doubleValue();
    }

    static long whole(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
            return ((Number) v).longValue();
        double d = number(v);
        if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) throw new WrongType("a whole number");
        return (long) d;
    }

    static int toInt(long n) {
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new WrongType("a whole number in the int range");
        return (int) n;
    }

    /** A list of whole numbers (or an int[]) as int[]. */
    static int[] wholeList(Object v) {
        if (v instanceof int[] a) return a.clone();
        if (!(v instanceof List<?> list)) throw new WrongType("a list of whole numbers");
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = toInt(whole(list.get(i)));
        return out;
    }
}

package dev.myelin.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One constructor argument of a {@link ModuleType}, declared once: its JSON field name, its kind (which says
 * how a JSON value is validated and read), its PyTorch default (absent for required arguments) and how to
 * read the value back from a built module. A module's factory gets the values with {@link Args#get}, so the
 * field name is spelled only here. Every error names the field's path, e.g. {@code $.layers[2].out}.
 *
 * @param <M> the module type the argument belongs to
 * @param <T> the argument's value type
 */
public final class Arg<M extends Module, T> {
    /**
     * Reads and validates one JSON value; {@code field} is its path for messages.
     *
     * @param <T> the value type read
     */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * Reads one value, throwing for a value of the wrong kind.
         *
         * @param value the JSON value (never null or JSON null)
         * @param field the field's path, e.g. {@code $.layers[2].out}, for error messages
         * @return the value read
         * @throws IllegalArgumentException if the value is invalid, naming {@code field}
         */
        T read(JsonNode value, String field);
    }

    /**
     * Writes one value as JSON, or returns null to leave the field out; {@code field} is its path for messages.
     *
     * @param <V> the value type written
     */
    @FunctionalInterface
    public interface Writer<V> {
        /**
         * Writes one value.
         *
         * @param value the value to write
         * @param field the field's path, e.g. {@code $.layers[2].out}, for error messages
         * @return the JSON value, or null to leave the field out
         */
        JsonNode write(V value, String field);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> RESERVED = Set.of("type");

    private final String name;
    private final boolean required;
    private final T defaultValue;
    private final Reader<T> reader;
    private final Writer<M> writer;

    private Arg(String name, boolean required, T defaultValue, Reader<T> reader, Writer<M> writer) {
        if (name == null || name.isEmpty() || RESERVED.contains(name))
            throw new IllegalArgumentException(
                    "Arg: an argument name must be non-empty and not one of " + RESERVED + ", got '" + name + "'");
        this.name = name;
        this.required = required;
        this.defaultValue = defaultValue;
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * An argument of any kind: {@code reader} validates and reads a JSON value, {@code getter} takes the value
     * from a module and {@code writer} writes it. With {@code required} false, an absent or null field means
     * {@code defaultValue}.
     *
     * @param <M> the module type
     * @param <T> the value type read from JSON
     * @param <V> the value type the getter returns and the writer writes
     * @param name the JSON field name (non-empty, not {@code type})
     * @param required whether the field must be present
     * @param defaultValue the value of an absent or null field when not required
     * @param reader validates and reads a JSON value
     * @param getter reads the value back from a built module
     * @param writer writes the getter's value as JSON (null leaves the field out)
     * @return the argument
     * @throws IllegalArgumentException if name is empty or reserved
     */
    public static <M extends Module, T, V> Arg<M, T> of(
            String name,
            boolean required,
            T defaultValue,
            Reader<T> reader,
            Function<? super M, ? extends V> getter,
            Writer<? super V> writer) {
        return new Arg<>(name, required, defaultValue, reader, (m, field) -> writer.write(getter.apply(m), field));
    }

    /**
     * A required integer &gt; 0 (a size).
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, Integer> positiveInt(String name, Function<? super M, Integer> getter) {
        return of(name, true, null, Arg::positive, getter, (v, f) -> NODES.numberNode(v));
    }

    /**
     * An integer &gt; 0 with a default (e.g. a count that PyTorch defaults to 1).
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @param defaultValue the value when the field is absent
     * @return the argument
     */
    public static <M extends Module> Arg<M, Integer> positiveInt(
            String name, int defaultValue, Function<? super M, Integer> getter) {
        return of(name, false, defaultValue, Arg::positive, getter, (v, f) -> NODES.numberNode(v));
    }

    /**
     * An integer with a default (a dim).
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @param defaultValue the value when the field is absent
     * @return the argument
     */
    public static <M extends Module> Arg<M, Integer> integer(
            String name, int defaultValue, Function<? super M, Integer> getter) {
        return of(name, false, defaultValue, Arg::anInt, getter, (v, f) -> NODES.numberNode(v));
    }

    /**
     * An integer that may be absent (null), as PyTorch's {@code Optional[int] = None}; left out of the JSON when
     * null.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, Integer> optionalInt(String name, Function<? super M, Integer> getter) {
        return of(name, false, null, Arg::anInt, getter, (v, f) -> v == null ? null : NODES.numberNode(v));
    }

    /**
     * A number (a double) with a default.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @param defaultValue the value when the field is absent
     * @return the argument
     */
    public static <M extends Module> Arg<M, Double> number(
            String name, double defaultValue, Function<? super M, Double> getter) {
        return of(
                name,
                false,
                defaultValue,
                (v, f) -> {
                    if (!v.isNumber()) throw invalid(f, "must be a number", v);
                    return v.doubleValue();
                },
                getter,
                (v, f) -> NODES.numberNode(v));
    }

    /**
     * A boolean with a default.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @param defaultValue the value when the field is absent
     * @return the argument
     */
    public static <M extends Module> Arg<M, Boolean> bool(
            String name, boolean defaultValue, Function<? super M, Boolean> getter) {
        return of(
                name,
                false,
                defaultValue,
                (v, f) -> {
                    if (!v.isBoolean()) throw invalid(f, "must be true or false", v);
                    return v.booleanValue();
                },
                getter,
                (v, f) -> NODES.booleanNode(v));
    }

    /**
     * A boolean that defaults to false and is written only when true (a later addition, such as ReLU's
     * {@code inplace}, so that specs which do not use it keep their form).
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, Boolean> flag(String name, Function<? super M, Boolean> getter) {
        return of(
                name,
                false,
                false,
                (v, f) -> {
                    if (!v.isBoolean()) throw invalid(f, "must be true or false", v);
                    return v.booleanValue();
                },
                getter,
                (v, f) -> v ? NODES.booleanNode(true) : null);
    }

    /**
     * A required array of integers &gt; 0, possibly empty (e.g. hidden layer widths).
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, List<Integer>> positiveInts(
            String name, Function<? super M, List<Integer>> getter) {
        return of(
                name,
                true,
                null,
                (v, f) -> {
                    if (!v.isArray()) throw invalid(f, "must be an array of positive integers", v);
                    List<Integer> out = new ArrayList<>();
                    for (int i = 0; i < v.size(); i++) out.add(positive(v.get(i), f + "[" + i + "]"));
                    return List.copyOf(out);
                },
                getter,
                (v, f) -> {
                    ArrayNode a = NODES.arrayNode();
                    v.forEach(a::add);
                    return a;
                });
    }

    /**
     * A required shape: an integer &gt; 0 or a non-empty array of them (as PyTorch accepts {@code 8} for
     * {@code (8,)}); written as an array.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, int[]> shape(String name, Function<? super M, int[]> getter) {
        return of(
                name,
                true,
                null,
                (v, f) -> {
                    if (v.isInt()) return new int[] {positive(v, f)};
                    if (!v.isArray() || v.isEmpty())
                        throw invalid(f, "must be a positive integer or a non-empty array of positive integers", v);
                    int[] s = new int[v.size()];
                    for (int i = 0; i < s.length; i++) s[i] = positive(v.get(i), f + "[" + i + "]");
                    return s;
                },
                getter,
                (v, f) -> {
                    ArrayNode a = NODES.arrayNode();
                    for (int d : v) a.add(d);
                    return a;
                });
    }

    /**
     * A string naming one of a set of values (e.g. an {@link Activation}); {@code parse} throws
     * IllegalArgumentException on unknown names.
     *
     * @param <M> the module type
     * @param <T> the value type
     * @param name the JSON field name
     * @param defaultValue the value when the field is absent
     * @param parse maps a name to its value, throwing IllegalArgumentException for an unknown name
     * @param key maps a value back to its name, for writing
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module, T> Arg<M, T> named(
            String name,
            T defaultValue,
            Function<String, T> parse,
            Function<T, String> key,
            Function<? super M, T> getter) {
        return of(
                name,
                false,
                defaultValue,
                (v, f) -> {
                    if (!v.isTextual()) throw invalid(f, "must be a string", v);
                    try {
                        return parse.apply(v.textValue());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("Architecture: field " + f + ": " + e.getMessage(), e);
                    }
                },
                getter,
                (v, f) -> NODES.textNode(key.apply(v)));
    }

    /**
     * A required array of non-empty strings (e.g. names of a graph's inputs).
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, List<String>> strings(
            String name, Function<? super M, List<String>> getter) {
        return of(name, true, null, Arg::stringList, getter, (v, f) -> {
            ArrayNode a = NODES.arrayNode();
            v.forEach(a::add);
            return a;
        });
    }

    /**
     * A required submodule, described by its own spec object.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, ModuleSpec> module(
            String name, Function<? super M, ? extends Module> getter) {
        return of(name, true, null, ModuleSpec::parse, getter, ModuleSpec::toJsonNode);
    }

    /**
     * An optional submodule (PyTorch's {@code Optional[Module] = None}), described by its own spec object; left
     * out of the JSON when absent.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, ModuleSpec> optionalModule(
            String name, Function<? super M, ? extends Module> getter) {
        return of(
                name, false, null, ModuleSpec::parse, getter, (m, f) -> m == null ? null : ModuleSpec.toJsonNode(m, f));
    }

    /**
     * A required array of submodules (e.g. Sequential's layers), each described by its own spec object.
     *
     * @param <M> the module type
     * @param name the JSON field name
     * @param getter reads the value back from a built module (for writing its spec)
     * @return the argument
     */
    public static <M extends Module> Arg<M, List<ModuleSpec>> modules(
            String name, Function<? super M, List<? extends Module>> getter) {
        return of(
                name,
                true,
                null,
                (v, f) -> {
                    if (!v.isArray()) throw invalid(f, "must be an array of module specs", v);
                    List<ModuleSpec> out = new ArrayList<>();
                    for (int i = 0; i < v.size(); i++) out.add(ModuleSpec.parse(v.get(i), f + "[" + i + "]"));
                    return List.copyOf(out);
                },
                getter,
                (v, f) -> {
                    ArrayNode a = NODES.arrayNode();
                    for (int i = 0; i < v.size(); i++) a.add(ModuleSpec.toJsonNode(v.get(i), f + "[" + i + "]"));
                    return a;
                });
    }

    // ---------------------------------------------------------------- shared readers

    static int positive(JsonNode v, String field) {
        if (!v.isInt() || v.intValue() <= 0) throw invalid(field, "must be a positive integer", v);
        return v.intValue();
    }

    static int anInt(JsonNode v, String field) {
        if (!v.isInt()) throw invalid(field, "must be an integer", v);
        return v.intValue();
    }

    static String string(JsonNode v, String field) {
        if (!v.isTextual() || v.textValue().isEmpty()) throw invalid(field, "must be a non-empty string", v);
        return v.textValue();
    }

    static List<String> stringList(JsonNode v, String field) {
        if (!v.isArray()) throw invalid(field, "must be an array of strings", v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(string(v.get(i), field + "[" + i + "]"));
        return List.copyOf(out);
    }

    /**
     * The error for a field whose value has the wrong kind, e.g. {@code field $.in must be a positive integer, got
     * "3"}.
     *
     * @param field the field's path, e.g. {@code $.layers[2].out}
     * @param must what the value must be, e.g. {@code must be a positive integer}
     * @param got the value found
     * @return the exception to throw (not thrown here)
     */
    public static IllegalArgumentException invalid(String field, String must, JsonNode got) {
        return new IllegalArgumentException("Architecture: field " + field + " " + must + ", got " + got);
    }

    // ---------------------------------------------------------------- use by ModuleSpec

    /** {@return the JSON field name} */
    public String name() {
        return name;
    }

    /** {@return whether the field must be present in a spec} */
    public boolean required() {
        return required;
    }

    /**
     * {@return the default used when the field is absent} Null for required arguments and for optional ones
     * defaulting to None.
     */
    public T defaultValue() {
        return defaultValue;
    }

    /** The value of this argument in the spec object {@code spec} at {@code path}. */
    T read(JsonNode spec, String path) {
        JsonNode v = spec.get(name);
        if (v == null || v.isNull()) {
            if (required)
                throw new IllegalArgumentException("Architecture: missing required field " + path + "." + name);
            return defaultValue;
        }
        return reader.read(v, path + "." + name);
    }

    /** Writes this argument of {@code module} into {@code out}. */
    @SuppressWarnings("unchecked")
    void write(Module module, ObjectNode out, String path) {
        JsonNode v = writer.write((M) module, path + "." + name);
        if (v != null) out.set(name, v);
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The named output tensors of {@link Module#call(Tensor...)}, in order: what a PyTorch module returns as
 * a tensor or a tuple of tensors, with names so that {@code out.get("h")} reads like the typed record the
 * module's own forward returns. A one-tensor module's single output is named {@code "output"}.
 */
public final class Outputs {
    private final List<String> names;
    private final List<Tensor> tensors;

    private Outputs(List<String> names, List<Tensor> tensors) {
        this.names = List.copyOf(names);
        this.tensors = List.copyOf(tensors);
    }

    /**
     * One output, named {@code "output"}.
     *
     * @param output the tensor
     * @return the outputs
     * @throws IllegalArgumentException if output is null
     */
    public static Outputs of(Tensor output) {
        return named(List.of("output"), List.of(check("output", output)));
    }

    /**
     * Outputs with the given names (unique, non-empty) and tensors (non-null), in order.
     *
     * @param names the outputs' names
     * @param tensors the tensors, one per name
     * @return the outputs
     * @throws IllegalArgumentException if the counts differ, there are none, a name is empty or repeated, or a tensor
     *     is null
     */
    public static Outputs named(List<String> names, List<Tensor> tensors) {
        if (names.size() != tensors.size())
            throw new IllegalArgumentException(
                    "Outputs: " + names.size() + " names " + names + " for " + tensors.size() + " tensors");
        if (names.isEmpty()) throw new IllegalArgumentException("Outputs: a module returns at least one tensor");
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isEmpty() || !seen.add(n))
                throw new IllegalArgumentException("Outputs: output names must be unique and non-empty, got " + names);
            check(n, tensors.get(i));
        }
        return new Outputs(names, tensors);
    }

    /**
     * The tensor components of a record returned by a typed forward, named after the components; a nested
     * record's components are named {@code outer.inner} (an LSTM's {@code (output, (h, c))} as a record
     * {@code (output, state)} with {@code state = (h, c)} gives {@code output, state.h, state.c}).
     *
     * @param result the record a typed forward returned
     * @return its tensors, named after the components
     * @throws IllegalArgumentException if result is null or a component is neither a tensor nor a record
     */
    public static Outputs of(Record result) {
        if (result == null) throw new IllegalArgumentException("Outputs: the forward result is null");
        List<String> names = new ArrayList<>();
        List<Tensor> tensors = new ArrayList<>();
        flatten("", result, names, tensors);
        return named(names, tensors);
    }

    private static void flatten(String prefix, Record r, List<String> names, List<Tensor> tensors) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true); // records declared inside a module class are often not public
                v = accessor.invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(
                        "Outputs: cannot read component " + c.getName() + " of "
                                + r.getClass().getName(),
                        e);
            }
            String name = prefix + c.getName();
            if (v instanceof Record nested) flatten(name + ".", nested, names, tensors);
            else if (v instanceof Tensor t) {
                names.add(name);
                tensors.add(t);
            } else
                throw new IllegalArgumentException(
                        "Outputs: component " + name + " of " + r.getClass().getSimpleName() + " is "
                                + (v == null ? "null" : "a " + v.getClass().getSimpleName())
                                + "; outputs are tensors or records of tensors");
        }
    }

    private static Tensor check(String name, Tensor t) {
        if (t == null) throw new IllegalArgumentException("Outputs: output " + name + " is null");
        return t;
    }

    /** {@return the number of outputs} */
    public int size() {
        return tensors.size();
    }

    /**
     * {@return the output at {@code index}, in the module's order}
     *
     * @param index the position, from 0
     * @throws IndexOutOfBoundsException if index is out of range
     */
    public Tensor get(int index) {
        if (index < 0 || index >= tensors.size())
            throw new IndexOutOfBoundsException(
                    "Outputs: index " + index + " out of range for " + tensors.size() + " outputs " + names);
        return tensors.get(index);
    }

    /**
     * {@return the output called {@code name}}
     *
     * @param name an output's name, e.g. {@code "output"} or {@code "state.h"}
     * @throws IllegalArgumentException if there is no such output, listing the names there are
     */
    public Tensor get(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("Outputs: no output '" + name + "'; the outputs are " + names);
        return tensors.get(i);
    }

    /** {@return the outputs' names, in order; unmodifiable} */
    public List<String> names() {
        return names;
    }

    /** {@return the output tensors, in order; unmodifiable} */
    public List<Tensor> tensors() {
        return tensors;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Outputs(");
        for (int i = 0; i < names.size(); i++)
            sb.append(i == 0 ? "" : ", ")
                    .append(names.get(i))
                    .append('=')
                    .append(dev.myelin.tensor.Shapes.str(tensors.get(i).shape()));
        return sb.append(')').toString();
    }
}

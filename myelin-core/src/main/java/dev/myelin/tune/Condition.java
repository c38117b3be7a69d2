package dev.myelin.tune;

import java.util.List;
import java.util.Objects;

/**
 * When a conditional {@link Dimension} is active, judged on the value of an earlier ("parent") dimension,
 * e.g. momentum only when {@code solver == "sgd"}, or the width of layer 3 only when {@code depth >= 3}.
 * A dimension whose parent is itself inactive is inactive too. Inactive dimensions are absent from the
 * {@link Config}.
 */
public sealed interface Condition {

    /** {@return the name of the dimension this condition looks at} */
    String parent();

    /**
     * Whether the child is active given the parent's value.
     *
     * @param parentValue the value chosen for the parent
     * @return true if the child is active
     */
    boolean test(Object parentValue);

    /**
     * Active when the parent's value equals one of {@code values}.
     *
     * @param parent the dimension looked at
     * @param values the parent values that activate the child
     */
    record In(String parent, List<Object> values) implements Condition {
        /** Copies the values and checks that there is at least one. */
        public In {
            Objects.requireNonNull(parent, "parent");
            if (values == null || values.isEmpty())
                throw new IllegalArgumentException("Condition on '" + parent + "' needs at least one value");
            values = List.copyOf(values);
        }

        @Override
        public boolean test(Object parentValue) {
            return values.contains(parentValue);
        }

        @Override
        public String toString() {
            return parent + " in " + values;
        }
    }

    /**
     * Active when the parent's (numeric) value is at least {@code min}, e.g. a layer width when depth >= i.
     *
     * @param parent the dimension looked at
     * @param min the smallest parent value that activates the child
     */
    record AtLeast(String parent, double min) implements Condition {
        /** Requires the parent's name. */
        public AtLeast {
            Objects.requireNonNull(parent, "parent");
        }

        @Override
        public boolean test(Object parentValue) {
            return parentValue instanceof Number n && n.doubleValue() >= min;
        }

        @Override
        public String toString() {
            return parent + " >= " + min;
        }
    }
}

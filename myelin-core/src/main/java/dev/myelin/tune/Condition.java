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

    /** Name of the dimension this condition looks at. */
    String parent();

    /** Whether the child is active given the parent's value. */
    boolean test(Object parentValue);

    /** Active when the parent's value equals one of {@code values}. */
    record In(String parent, List<Object> values) implements Condition {
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

    /** Active when the parent's (numeric) value is at least {@code min}, e.g. a layer width when depth >= i. */
    record AtLeast(String parent, double min) implements Condition {
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

package dev.myelin.tune;

import java.util.HashSet;
import java.util.List;

/**
 * A hyperparameter chosen from a list, e.g. {@code solver in ["sgd", "adam"]} or an activation. Choices should
 * be JSON-friendly (String, Integer, Double, Boolean). Encoded as one coordinate per choice, decoded by argmax
 * (see {@link Dimension}).
 *
 * @param name the hyperparameter
 * @param choices the values, in order
 * @param condition when the dimension is active, or null for always
 */
public record Categorical(String name, List<Object> choices, Condition condition) implements Dimension {

    /** Checks the name and copies the choices. */
    public Categorical {
        Dimension.checkName(name);
        if (choices == null || choices.isEmpty())
            throw new IllegalArgumentException("Categorical '" + name + "' needs at least one choice");
        if (choices.stream().anyMatch(java.util.Objects::isNull))
            throw new IllegalArgumentException("Categorical '" + name + "': choices must not be null, got " + choices);
        if (new HashSet<>(choices).size() != choices.size())
            throw new IllegalArgumentException("Categorical '" + name + "': choices must be distinct, got " + choices);
        choices = List.copyOf(choices);
    }

    /**
     * An unconditional choice.
     *
     * @param name the hyperparameter
     * @param choices the values, in order
     */
    public Categorical(String name, List<?> choices) {
        this(name, List.copyOf(choices), null);
    }

    @Override
    public Categorical withCondition(Condition condition) {
        return new Categorical(name, choices, condition);
    }

    @Override
    public int width() {
        return choices.size();
    }

    /**
     * Index of the largest coordinate (first on ties).
     *
     * @param x an encoded point
     * @param offset the index of this dimension's first coordinate
     * @return the chosen index
     */
    public int indexAt(double[] x, int offset) {
        int best = 0;
        for (int i = 1; i < choices.size(); i++) if (x[offset + i] > x[offset + best]) best = i;
        return best;
    }

    @Override
    public Object decode(double[] x, int offset) {
        return choices.get(indexAt(x, offset));
    }

    @Override
    public void encode(Object value, double[] x, int offset) {
        int index = choices.indexOf(value);
        if (index < 0)
            throw new IllegalArgumentException("Categorical '" + name + "': " + value + " is not one of " + choices);
        for (int i = 0; i < choices.size(); i++) x[offset + i] = i == index ? 1 : 0;
    }

    @Override
    public List<Object> gridValues(int points) {
        return choices;
    }

    @Override
    public boolean contains(Object value) {
        return choices.contains(value);
    }
}

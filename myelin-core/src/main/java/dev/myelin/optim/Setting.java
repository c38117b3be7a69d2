package dev.myelin.optim;

import java.util.Arrays;

/**
 * One hyperparameter of an optimizer, declared once: its camelCase name (the Java setter and the name
 * {@link ParamGroup#set} takes), its PyTorch key (derived: {@code weightDecay} → {@code weight_decay}, used in
 * state dicts), its PyTorch default, and the rule its values must follow. Defaults, per-group values, state
 * dicts, validation and printing all derive from these declarations.
 *
 * <p>Values are kept at float32 precision (the precision of the tensors they scale), so that a state dict
 * round-trips exactly. A flag is 0 or 1; a pair (Adam's betas) has two values.
 */
public final class Setting {
    private enum Rule {
        NON_NEGATIVE,
        FINITE,
        UNIT_INTERVAL,
        FLAG
    }

    /** The learning rate, which every optimizer has; its default is the optimizer's constructor argument. */
    public static final Setting LR = new Setting("lr", Rule.NON_NEGATIVE, Double.NaN);

    private final String name;
    private final String key;
    private final Rule rule;
    private final double[] defaultValue;

    private Setting(String name, Rule rule, double... defaultValue) {
        this.name = name;
        this.key = name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
        this.rule = rule;
        this.defaultValue = defaultValue.clone();
    }

    /**
     * Declares a setting whose value must be finite and {@code >= 0} (weight decay, momentum, eps).
     *
     * @param name         the camelCase name; the PyTorch key is derived from it
     * @param defaultValue PyTorch's default
     * @return the declaration
     */
    public static Setting nonNegative(String name, double defaultValue) {
        return new Setting(name, Rule.NON_NEGATIVE, defaultValue);
    }

    /**
     * Declares a setting whose value may be any finite number (SGD's dampening).
     *
     * @param name         the camelCase name; the PyTorch key is derived from it
     * @param defaultValue PyTorch's default
     * @return the declaration
     */
    public static Setting finite(String name, double defaultValue) {
        return new Setting(name, Rule.FINITE, defaultValue);
    }

    /**
     * Declares a decay factor, whose value must be in [0, 1) (RMSprop's alpha).
     *
     * @param name         the camelCase name; the PyTorch key is derived from it
     * @param defaultValue PyTorch's default
     * @return the declaration
     */
    public static Setting unitInterval(String name, double defaultValue) {
        return new Setting(name, Rule.UNIT_INTERVAL, defaultValue);
    }

    /**
     * Declares a pair of decay factors, each in [0, 1) (Adam's betas).
     *
     * @param name   the camelCase name; the PyTorch key is derived from it
     * @param first  PyTorch's default for the first value
     * @param second PyTorch's default for the second value
     * @return the declaration
     */
    public static Setting unitIntervalPair(String name, double first, double second) {
        return new Setting(name, Rule.UNIT_INTERVAL, first, second);
    }

    /**
     * Declares a boolean setting, stored as 0 or 1 (nesterov, amsgrad).
     *
     * @param name         the camelCase name; the PyTorch key is derived from it
     * @param defaultValue PyTorch's default
     * @return the declaration
     */
    public static Setting flag(String name, boolean defaultValue) {
        return new Setting(name, Rule.FLAG, defaultValue ? 1 : 0);
    }

    /** {@return the camelCase name, e.g. {@code weightDecay}} */
    public String name() {
        return name;
    }

    /** {@return PyTorch's key, e.g. {@code weight_decay}} */
    public String key() {
        return key;
    }

    /** {@return how many values it has: 2 for a pair, else 1} */
    public int arity() {
        return defaultValue.length;
    }

    boolean isFlag() {
        return rule == Rule.FLAG;
    }

    double[] defaultValue() {
        return defaultValue.clone();
    }

    /** {@code values} checked against the rule and rounded to float32; the message names {@code owner} and the setting. */
    double[] check(String owner, double... values) {
        if (values == null || values.length != arity())
            throw new IllegalArgumentException(owner + ": " + name + " takes " + arity() + " value"
                    + (arity() == 1 ? "" : "s") + ", got " + (values == null ? "null" : Arrays.toString(values)));
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            String n = arity() == 1 ? name : name + "[" + i + "]";
            double v = values[i];
            out[i] = (float)
                    switch (rule) {
                        case NON_NEGATIVE -> ArgumentChecks.nonNegative(owner, n, v);
                        case FINITE -> ArgumentChecks.finite(owner, n, v);
                        case UNIT_INTERVAL -> ArgumentChecks.unitInterval(owner, n, v);
                        case FLAG -> {
                            if (v != 0 && v != 1)
                                throw new IllegalArgumentException(
                                        owner + ": " + n + " must be 0 or 1 (false or true), got " + v);
                            yield v;
                        }
                    };
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.myelin.optim;

/** Argument checks shared by the optimizers and schedulers; messages name the argument and the rule. */
final class ArgumentChecks {
    private ArgumentChecks() {}

    static double nonNegative(String owner, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value))
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number >= 0, got " + value);
        return value;
    }

    static double positive(String owner, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value))
            throw new IllegalArgumentException(owner + ": " + name + " must be a finite number > 0, got " + value);
        return value;
    }

    /** For betas, momentum-like decay factors: 0 <= value < 1. */
    static double unitInterval(String owner, String name, double value) {
        if (!(value >= 0 && value < 1))
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + value);
        return value;
    }

    static double finite(String owner, String name, double value) {
        if (!Double.isFinite(value))
            throw new IllegalArgumentException(owner + ": " + name + " must be finite, got " + value);
        return value;
    }

    static int positiveInt(String owner, String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(owner + ": " + name + " must be > 0, got " + value);
        return value;
    }

    static int nonNegativeInt(String owner, String name, int value) {
        if (value < 0) throw new IllegalArgumentException(owner + ": " + name + " must be >= 0, got " + value);
        return value;
    }

    /** One value for every group, or one per group (PyTorch accepts a float or a list): always one per group. */
    static double[] perGroup(String owner, String name, double[] values, int groups) {
        if (values == null || (values.length != 1 && values.length != groups))
            throw new IllegalArgumentException(owner + ": " + name + " needs one value or one per parameter group ("
                    + groups + "), got " + (values == null ? "null" : values.length + " values"));
        double[] out = new double[groups];
        for (int i = 0; i < groups; i++) out[i] = values[values.length == 1 ? 0 : i];
        return out;
    }
}

package dev.myelin.plot;

/** Argument checks with messages that name the argument and say what is expected. */
final class Checks {

    private Checks() {}

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static void notEmpty(double[] values, String name) {
        notNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    static void sameLength(double[] values, String name, int expected, String reference) {
        if (values != null && values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " entries but " + reference + " has "
                    + expected + "; pass one value per epoch (or null to leave the curve out)");
        }
    }

    static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void finiteRange(double lo, double hi, String name) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException(
                    name + " must be a finite range with min < max, got [" + lo + ", " + hi + "]");
        }
    }
}

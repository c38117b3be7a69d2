package dev.myelin.nn;

import java.math.BigDecimal;

/**
 * Formats numbers the way Python's {@code repr} does, so module printouts (also in sub-packages such as nn.rnn and
 * nn.conv) read like PyTorch's.
 */
public final class Repr {
    private Repr() {}

    /**
     * {@return Python's float repr of {@code v}: shortest round-trip digits, "1.0", "0.01", "1e-05", "1e+20"}
     *
     * @param v the number
     */
    public static String pyFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        double a = Math.abs(v);
        BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (a >= 1e-4 && a < 1e16) {
            String s = bd.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                + Math.abs(exp);
    }

    /**
     * {@return Python's bool repr, "True" or "False"}
     *
     * @param b the value
     */
    public static String pyBool(boolean b) {
        return b ? "True" : "False";
    }

    /**
     * {@return a number that is an int in PyTorch's signature (e.g. Softplus beta=1), without ".0" when whole}
     *
     * @param v the number
     */
    public static String pyNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : pyFloat(v);
    }
}

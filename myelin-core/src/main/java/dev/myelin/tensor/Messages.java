package dev.myelin.tensor;

/**
 * Error messages stay on one line: a name taken from a file (a tensor, a column, a path) may hold line breaks or
 * other control characters, which are shown escaped ({@code \n}, <code>&#92;u0000</code>) instead.
 */
public final class Messages {
    private Messages() {}

    /**
     * {@code text} with every control character escaped (a line break as {@code \n}, a tab as {@code \t}, the others as
     * Unicode escapes), so that a name read from a file keeps an error message on one line.
     *
     * @param text the text, or null
     * @return the escaped text, the same string if nothing needed escaping, or null for null
     */
    public static String oneLine(String text) {
        if (text == null) return null;
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (control && sb == null) sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            if (sb == null) continue;
            if (!control) sb.append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else sb.append(String.format("\\u%04x", (int) c));
        }
        return sb == null ? text : sb.toString();
    }
}

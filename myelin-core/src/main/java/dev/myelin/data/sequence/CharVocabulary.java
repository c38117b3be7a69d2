package dev.myelin.data.sequence;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The characters (Unicode code points) of a text, sorted, each with an id 0..size−1: the vocabulary of a
 * character-level model. It is saved as the string of its characters ({@link #symbols()}) and rebuilt from it.
 */
public final class CharVocabulary {
    private final int[] codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharVocabulary(int[] sortedDistinct) {
        if (sortedDistinct.length == 0)
            throw new IllegalArgumentException("CharVocabulary: the text is empty; a vocabulary needs characters");
        this.codePoints = sortedDistinct;
        for (int i = 0; i < codePoints.length; i++) ids.put(codePoints[i], i);
    }

    /** The distinct characters of {@code text}, sorted by code point. */
    public static CharVocabulary of(CharSequence text) {
        return new CharVocabulary(text.codePoints().distinct().sorted().toArray());
    }

    /** The vocabulary whose characters are those of {@code symbols} (as written by {@link #symbols()}). */
    public static CharVocabulary fromSymbols(String symbols) {
        int[] cps = symbols.codePoints().toArray();
        int[] sorted = Arrays.stream(cps).distinct().sorted().toArray();
        if (!Arrays.equals(cps, sorted))
            throw new IllegalArgumentException("CharVocabulary: the symbols must be distinct and sorted by code point");
        return new CharVocabulary(sorted);
    }

    /** Its characters in id order, as one string. */
    public String symbols() {
        return new String(codePoints, 0, codePoints.length);
    }

    public int size() {
        return codePoints.length;
    }

    /** Whether the character {@code codePoint} has an id. */
    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }

    /** The id of each character of {@code text}; a character outside the vocabulary is an error naming it and its position. */
    public int[] encode(CharSequence text) {
        int[] cps = text.codePoints().toArray(), out = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            Integer id = ids.get(cps[i]);
            if (id == null)
                throw new IllegalArgumentException("CharVocabulary: character " + printable(cps[i]) + " at position "
                        + i + " is not in the vocabulary");
            out[i] = id;
        }
        return out;
    }

    /** The text of a sequence of ids. */
    public String decode(int... idSequence) {
        StringBuilder b = new StringBuilder(idSequence.length);
        for (int id : idSequence) b.appendCodePoint(codePoint(id));
        return b.toString();
    }

    public int codePoint(int id) {
        if (id < 0 || id >= codePoints.length)
            throw new IndexOutOfBoundsException(
                    "CharVocabulary: id " + id + " is out of range for " + codePoints.length + " characters");
        return codePoints[id];
    }

    /** A printable name of the character with this id, for class names and messages: "a", "\n" as "\\n", a space as "' '". */
    public String label(int id) {
        return printable(codePoint(id));
    }

    private static String printable(int cp) {
        return switch (cp) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case ' ' -> "' '";
            default ->
                Character.isISOControl(cp) || !Character.isDefined(cp)
                        ? String.format("U+%04X", cp)
                        : new String(Character.toChars(cp));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharVocabulary(" + codePoints.length + " characters)";
    }
}

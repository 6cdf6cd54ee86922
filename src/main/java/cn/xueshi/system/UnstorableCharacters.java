package cn.xueshi.system;

/**
 * The characters a person can neither see nor type but a paste can carry (from Excel, a PDF, another system): the
 * C0 control characters other than tab, line feed and carriage return, U+FFFE/U+FFFF and unpaired surrogates. None
 * is allowed in XML 1.0, so a rule cell holding one would be written into a DMN file the engine cannot read back,
 * and PostgreSQL refuses NUL in any text column. They are dropped wherever text comes in (form fields, JSON, the
 * cells of an uploaded sheet), so the rest of what was typed is kept and nothing fails on them later.
 */
public final class UnstorableCharacters {

    private UnstorableCharacters() {
    }

    /** The text without those characters (the same instance when it has none; null stays null). */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnstorable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        kept.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (!unstorable(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static int firstUnstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (unstorable(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A single char (a surrogate here is unpaired: pairs are taken together by the callers). */
    private static boolean unstorable(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF'
                || Character.isSurrogate(c);
    }
}

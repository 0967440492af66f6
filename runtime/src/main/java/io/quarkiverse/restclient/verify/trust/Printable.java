package io.quarkiverse.restclient.verify.trust;

import java.util.Locale;

import javax.security.auth.x500.X500Principal;

/**
 * Text from certificates and files made safe to print: names a server or a file supplies may hold line breaks and
 * other control characters that would forge log lines, comment lines or terminal output, and may be of any length.
 * Control, format (bidirectional overrides, zero-width) and line-separator characters become visible escapes such as
 * {@code \n} or {@code \u202e}; long text is cut with a count of what was left out.
 */
public final class Printable {

    /** The longest name shown, in characters: far above real names, far below what a hostile one can hold. */
    public static final int MAX_NAME = 512;

    private Printable() {
    }

    /** The text with every control, format and line-separator character escaped; null stays null. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The text escaped, cut to at most {@code max} characters of the original followed by how many were left out. */
    public static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text(text);
        }
        return text(text.substring(0, max)) + "...(" + (text.length() - max) + " more characters)";
    }

    /**
     * The first line of bytes a peer sent, as text: printable ASCII as is, any other byte as {@code \xNN}; leading
     * blank lines are skipped, and the line is cut after {@code max} characters with {@code ...}.
     */
    public static String firstLine(byte[] bytes, int max) {
        StringBuilder line = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\r' || c == '\n') {
                if (line.toString().isBlank()) {
                    line.setLength(0);
                    continue;
                }
                break;
            }
            if (line.length() >= max) {
                return line.append("...").toString().strip();
            }
            line.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return line.toString().strip();
    }

    /** The name in RFC 2253 form, escaped and cut to {@value #MAX_NAME} characters. */
    public static String name(X500Principal name) {
        return text(name.getName(), MAX_NAME);
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(c);
        if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return String.format(Locale.ROOT, "\\u%04x", (int) c);
        }
        return null;
    }
}

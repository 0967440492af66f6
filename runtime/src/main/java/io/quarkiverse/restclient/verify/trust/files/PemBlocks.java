package io.quarkiverse.restclient.verify.trust.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * The one reader of PEM blocks (RFC 7468, with RFC 1421 headers), for CA bundles, client certificates and keys, CRLs
 * and the Mozilla bundle alike: text around the blocks is ignored, lines may be indented or end in CR LF, and a
 * UTF-8 byte order mark is skipped. Blocks are found one at a time, so a caller can refuse a block by its label before
 * its body is decoded (a private key in a CA bundle must never reach a message). Errors name the line of the block and
 * never quote its body.
 */
public final class PemBlocks {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final byte[] BEGIN_BYTES = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
    /** Labels are cut to this length in messages: a hostile file can make them long. */
    static final int MAX_LABEL = 64;
    /** Headers kept per block: RFC 1421 blocks carry two or three; a hostile file's thousands are passed over. */
    static final int MAX_HEADERS = 16;

    private final Lines lines;
    private int next;

    /** The blocks of this content, found from its start; the content is not copied. */
    public PemBlocks(byte[] content) {
        this.lines = new Lines(content);
    }

    /** Whether the content mentions {@code -----BEGIN} at all: if not, it is no PEM (perhaps DER). */
    public static boolean mentionsBegin(byte[] content) {
        return indexOf(content, BEGIN_BYTES) >= 0;
    }

    /**
     * Every block of the content, decoded, in file order.
     *
     * @throws TrustMaterialException naming the line of the first damaged block
     */
    public static List<Block> readAll(byte[] content) {
        PemBlocks blocks = new PemBlocks(content);
        List<Block> all = new ArrayList<>();
        for (Optional<Begin> begin = blocks.next(); begin.isPresent(); begin = blocks.next()) {
            all.add(blocks.read(begin.get()));
        }
        return all;
    }

    /**
     * A block's first line.
     *
     * @param label what the block says it is, e.g. {@code CERTIFICATE}, {@code RSA PRIVATE KEY}
     * @param line its number, counted from 1
     */
    public record Begin(String label, int line) {
    }

    /**
     * A decoded block.
     *
     * @param label what the block says it is
     * @param line the number of its BEGIN line, counted from 1
     * @param endLine the number of its END line
     * @param headers its RFC 1421 headers ({@code Proc-Type}, {@code DEK-Info}), in order
     * @param der its base64 body, decoded
     */
    public record Block(String label, int line, int endLine, List<Header> headers, byte[] der) {
    }

    /** An RFC 1421 header line, {@code Name: value}, before a block's body. */
    public record Header(String name, String value) {
    }

    /** The next BEGIN line after the blocks read or skipped so far, or empty at the end of the content. */
    public Optional<Begin> next() {
        while (next < lines.size()) {
            String line = lines.get(next).trim();
            if (line.startsWith(BEGIN)) {
                return Optional.of(new Begin(label(line, BEGIN), next + 1));
            }
            next++;
        }
        return Optional.empty();
    }

    /**
     * Reads the block to its END line, which must carry the same label; the next block is looked for after it.
     *
     * @throws TrustMaterialException when the END line is missing or another, or the body is not valid base64 or empty
     */
    public Block read(Begin begin) {
        int from = begin.line();
        int end = findEnd(from, begin.label(), begin.line());
        List<Header> headers = new ArrayList<>();
        byte[] der = body(from, end, begin.label(), begin.line(), headers);
        next = end + 1;
        return new Block(begin.label(), begin.line(), end + 1, List.copyOf(headers), der);
    }

    /**
     * Passes over the block without decoding it; its END line must still be there and carry the same label.
     *
     * @throws TrustMaterialException when the END line is missing or another
     */
    public void skip(Begin begin) {
        next = findEnd(begin.line(), begin.label(), begin.line()) + 1;
    }

    /** Whether any block of the whole content, read or not, has a label that matches. */
    public boolean anyLabel(Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (trimmed.startsWith(BEGIN) && test.test(label(trimmed, BEGIN))) {
                return true;
            }
        }
        return false;
    }

    /** A label as a message shows it: escaped, and cut when a hostile file makes it long. */
    public static String shown(String label) {
        return Printable.text(label, MAX_LABEL);
    }

    /** The index of the block's END line. */
    private int findEnd(int from, String type, int beginLine) {
        for (int j = from; j < lines.size(); j++) {
            String line = lines.get(j).trim();
            if (line.startsWith(END)) {
                String endType = label(line, END);
                if (!endType.equals(type)) {
                    throw new TrustMaterialException("line " + beginLine + ": the " + shown(type) + " block that starts"
                            + " here ends on line " + (j + 1) + " with -----END " + shown(endType) + "-----; the file is"
                            + " damaged or two blocks are interleaved");
                }
                return j;
            }
            if (line.startsWith(BEGIN)) {
                // Another block begins first: the END line of this one was lost, typically by a bad copy and paste.
                break;
            }
        }
        throw new TrustMaterialException("line " + beginLine + ": the " + shown(type) + " block that starts here has no"
                + " -----END " + shown(type) + "----- line; the file is truncated or two blocks are interleaved");
    }

    private byte[] body(int from, int end, String type, int beginLine, List<Header> headers) {
        StringBuilder base64 = new StringBuilder(64 * (end - from));
        boolean body = false;
        boolean innerWhitespace = false;
        for (int j = from; j < end; j++) {
            String line = lines.get(j).trim();
            if (line.isEmpty()) {
                continue;
            }
            // RFC 1421 headers (Name: value) may only precede the base64 body.
            int colon = line.indexOf(':');
            if (!body && colon > 0) {
                if (headers.size() < MAX_HEADERS) {
                    headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
                }
                continue;
            }
            body = true;
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (!isBase64(c)) {
                    if (!Character.isWhitespace(c)) {
                        throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting"
                                + " here is not valid base64 (line " + (j + 1) + " has " + show(c) + ")");
                    }
                    innerWhitespace = true;
                }
            }
            base64.append(line);
        }
        byte[] der;
        try {
            // The MIME decoder skips whitespace inside lines; the basic one is faster where there is none.
            der = (innerWhitespace ? Base64.getMimeDecoder() : Base64.getDecoder()).decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is not"
                    + " valid base64 (" + Printable.text(e.getMessage(), MAX_LABEL) + ")", e);
        }
        if (der.length == 0) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is empty");
        }
        return der;
    }

    /** Where the pattern first occurs in the content, or -1. */
    private static int indexOf(byte[] content, byte[] pattern) {
        outer: for (int i = 0; i <= content.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (content[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }

    private static String show(char c) {
        return c >= 0x21 && c < 0x7f ? "the character '" + c + "'"
                : String.format(Locale.ROOT, "the byte 0x%02x", (int) c);
    }

    private static String label(String line, String marker) {
        String rest = line.substring(marker.length());
        int dashes = rest.indexOf(DASHES);
        return (dashes < 0 ? rest : rest.substring(0, dashes)).trim();
    }

    /**
     * The lines of the content, split at CR LF, CR or LF as {@code split("\\r\\n|\\r|\\n", -1)} would, each made a
     * string only when asked for. Only the line starts are kept (four bytes a line), never a copy of the whole file or
     * every line at once. ISO-8859-1 maps every byte to one char, so stray binary or UTF-8 text cannot shift line
     * numbers; a UTF-8 byte order mark (as Windows editors write it) is skipped.
     */
    private static final class Lines {
        private final byte[] content;
        private final int[] starts;

        Lines(byte[] content) {
            this.content = content;
            int from = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                    && (content[2] & 0xff) == 0xbf ? 3 : 0;
            int count = 1;
            for (int i = from; i < content.length; i++) {
                if (content[i] == '\n' || (content[i] == '\r' && (i + 1 == content.length || content[i + 1] != '\n'))) {
                    count++;
                }
            }
            starts = new int[count + 1];
            starts[0] = from;
            int line = 1;
            for (int i = from; i < content.length; i++) {
                if (content[i] == '\n' || (content[i] == '\r' && (i + 1 == content.length || content[i + 1] != '\n'))) {
                    starts[line++] = i + 1;
                }
            }
            // A sentinel one past the end, so that every line ends where the next one starts.
            starts[count] = content.length + 1;
        }

        int size() {
            return starts.length - 1;
        }

        String get(int i) {
            int start = starts[i];
            int end = starts[i + 1] - 1;
            if (i + 1 < size() && end > start && content[end - 1] == '\r' && content[end] == '\n') {
                end--;
            }
            if (end > content.length) {
                end = content.length;
            }
            return new String(content, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
        }
    }
}

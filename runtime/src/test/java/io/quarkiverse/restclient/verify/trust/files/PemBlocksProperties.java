package io.quarkiverse.restclient.verify.trust.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.quarkiverse.restclient.verify.trust.Mutations;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one PEM block reader: every block written in any of the forms files come in (LF, CR LF or CR line ends,
 * indentation, text around the blocks, a byte order mark, RFC 1421 headers, base64 lines of any width) is read back
 * with its label, line numbers, headers and bytes; anything else is read or refused with one short line, never with
 * another exception and never slowly.
 */
class PemBlocksProperties {

    private static final List<String> LABELS = List.of("CERTIFICATE", "X509 CRL", "PRIVATE KEY", "RSA PRIVATE KEY",
            "TRUSTED CERTIFICATE", "ENCRYPTED PRIVATE KEY");

    /** A block as written: label, headers and bytes. */
    record Written(String label, List<PemBlocks.Header> headers, byte[] der) {
    }

    /** How a file writes its blocks. */
    record Form(String lineEnd, String indent, int width, boolean bom, String between) {
    }

    @Property(tries = 300)
    void everyWrittenBlockIsReadBack(@ForAll("blocks") List<Written> written, @ForAll("forms") Form form) {
        List<Integer> beginLines = new ArrayList<>();
        byte[] content = write(written, form, beginLines);

        List<PemBlocks.Block> read = PemBlocks.readAll(content);

        assertThat(read).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            PemBlocks.Block block = read.get(i);
            assertThat(block.label()).isEqualTo(written.get(i).label());
            assertThat(block.der()).isEqualTo(written.get(i).der());
            assertThat(block.headers()).isEqualTo(written.get(i).headers());
            assertThat(block.line()).as("BEGIN line of block %d", i).isEqualTo(beginLines.get(i));
            assertThat(block.endLine()).isGreaterThan(block.line());
        }
        assertThat(PemBlocks.mentionsBegin(content)).isEqualTo(!written.isEmpty());
    }

    @Property(tries = 300)
    void arbitraryBytesAreReadOrRefusedInOneLine(@ForAll("bytes") byte[] content) {
        readOrRefused(content);
    }

    @Property(tries = 300)
    void pemLikeTextIsReadOrRefusedInOneLine(@ForAll("pemLike") byte[] content) {
        readOrRefused(content);
    }

    @Property(tries = 300)
    void mutatedBlocksAreReadOrRefusedInOneLine(@ForAll("mutated") byte[] content) {
        readOrRefused(content);
    }

    @Provide
    Arbitrary<List<Written>> blocks() {
        Arbitrary<PemBlocks.Header> header = Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('0', '9').withChars(',', '-', 'A', 'F').ofMaxLength(40))
                .as(PemBlocks.Header::new);
        Arbitrary<Written> block = Combinators.combine(Arbitraries.of(LABELS), header.list().ofMaxSize(3),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)).as(Written::new);
        return block.list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Form> forms() {
        return Combinators.combine(Arbitraries.of("\n", "\r\n", "\r"), Arbitraries.of("", " ", "\t", "  "),
                Arbitraries.of(4, 64, 76, 1000), Arbitraries.of(true, false),
                Arbitraries.of("", "Subject: CN=x", "some words: with a colon", "-----")).as(Form::new);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Mutations.bytes();
    }

    @Provide
    Arbitrary<byte[]> pemLike() {
        return Mutations.pemLike();
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        List<Integer> lines = new ArrayList<>();
        return Mutations.mutationsOf(write(List.of(
                new Written("CERTIFICATE", List.of(), new byte[] { 48, 1, 2, 3, 4, 5, 6, 7 }),
                new Written("RSA PRIVATE KEY", List.of(new PemBlocks.Header("Proc-Type", "4,ENCRYPTED")),
                        new byte[] { 9, 8, 7, 6, 5, 4, 3, 2, 1 })),
                new Form("\n", "", 64, false, "text"), lines));
    }

    private static void readOrRefused(byte[] content) {
        Mutations.withinBound(() -> {
            try {
                for (PemBlocks.Block block : PemBlocks.readAll(content)) {
                    assertThat(block.der()).isNotEmpty();
                    assertThat(block.headers()).hasSizeLessThanOrEqualTo(PemBlocks.MAX_HEADERS);
                }
            } catch (TrustMaterialException e) {
                assertThat(e.getMessage()).startsWith("line ").hasSizeLessThan(1500).doesNotContain("\n", "\r");
            }
        });
    }

    /** The blocks in this form; notes the number of each BEGIN line. */
    private static byte[] write(List<Written> blocks, Form form, List<Integer> beginLines) {
        List<String> lines = new ArrayList<>();
        lines.add("text before the blocks");
        for (Written block : blocks) {
            if (!form.between().isEmpty()) {
                lines.add(form.between());
            }
            beginLines.add(lines.size() + 1);
            lines.add(form.indent() + "-----BEGIN " + block.label() + "-----");
            for (PemBlocks.Header header : block.headers()) {
                lines.add(form.indent() + header.name() + ": " + header.value());
            }
            if (!block.headers().isEmpty()) {
                lines.add("");
            }
            String base64 = Base64.getEncoder().encodeToString(block.der());
            for (int i = 0; i < base64.length(); i += form.width()) {
                lines.add(form.indent() + base64.substring(i, Math.min(base64.length(), i + form.width())));
            }
            lines.add(form.indent() + "-----END " + block.label() + "-----");
        }
        lines.add("text after");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (form.bom()) {
            out.writeBytes(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf });
        }
        out.writeBytes(String.join(form.lineEnd(), lines).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}

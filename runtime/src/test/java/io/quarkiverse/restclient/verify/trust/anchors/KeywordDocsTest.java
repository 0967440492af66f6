package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The docs' lists of {@code verify} keywords hold every {@link Keyword} with each of its words, and no keyword that
 * does not exist: a keyword added to or removed from the enum fails here until the docs follow.
 */
class KeywordDocsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path PAGES = ROOT.resolve(Path.of("docs", "modules", "ROOT", "pages"));
    private static final Pattern QUOTED_WORD = Pattern.compile("`([A-Za-z]+)`");

    @Test
    void theReadmeTableHasARowPerKeyword() throws IOException {
        List<String> firstCells = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("| `verify=` |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|")) {
                firstCells.add(line.split("\\|")[1]);
            } else if (inTable) {
                break;
            }
        }
        assertThat(firstCells).as("the verify= table of README.md").isNotEmpty();
        for (Keyword keyword : Keyword.values()) {
            String words = String.join(" / ", keyword.words().stream().map(w -> "`" + w + "`").toList());
            assertThat(firstCells).as("README.md has a row for " + keyword).anySatisfy(
                    cell -> assertThat(cell.trim()).isEqualTo(words));
        }
        for (String cell : firstCells) {
            for (String word : quotedWords(cell)) {
                assertThat(Keyword.forWord(word)).as("README.md lists " + word + " as a keyword").isPresent();
            }
        }
    }

    @Test
    void theVerifyPageNamesEveryKeyword() throws IOException {
        String sentence = line(PAGES.resolve("verify.adoc"), "are keywords, in any case");
        assertNamesExactlyTheKeywords("verify.adoc", sentence);
    }

    @Test
    void theIndexNamesEveryKeyword() throws IOException {
        String sentence = line(PAGES.resolve("index.adoc"), "xref:verify.adoc[The verify values]");
        assertNamesEveryKeyword("index.adoc", sentence);
    }

    @Test
    void howItWorksNamesEveryKeyword() throws IOException {
        String sentence = line(PAGES.resolve("how-it-works.adoc"), "`TrustSpec` parses the value");
        assertNamesExactlyTheKeywords("how-it-works.adoc",
                sentence.substring(sentence.indexOf(":") + 1, sentence.indexOf(";")));
    }

    @Test
    void theConfigurationReferenceOfVerifyNamesEveryKeyword() throws IOException {
        for (String include : List.of("quarkus-rest-client-verify.adoc",
                "quarkus-rest-client-verify_quarkus.rest-client.adoc")) {
            List<String> lines = Files.readAllLines(PAGES.resolve("includes").resolve(include), StandardCharsets.UTF_8);
            int anchor = indexOf(lines, "[[quarkus-rest-client-verify_quarkus-rest-client-verify]]", 0);
            int description = indexOf(lines, "[.description]", anchor);
            // The description follows its "--" delimiter line.
            assertNamesEveryKeyword(include, lines.get(description + 2));
        }
    }

    private static void assertNamesExactlyTheKeywords(String where, String text) {
        assertNamesEveryKeyword(where, text);
        for (String word : quotedWords(text)) {
            assertThat(Keyword.forWord(word)).as(where + " lists " + word + " as a keyword").isPresent();
        }
    }

    private static void assertNamesEveryKeyword(String where, String text) {
        for (Keyword keyword : Keyword.values()) {
            for (String word : keyword.words()) {
                assertThat(text).as(where + " names the keyword " + word).contains("`" + word + "`");
            }
        }
    }

    private static List<String> quotedWords(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = QUOTED_WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group(1));
        }
        return words;
    }

    private static String line(Path page, String containing) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        return lines.get(indexOf(lines, containing, 0));
    }

    private static int indexOf(List<String> lines, String containing, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no line containing " + containing);
    }
}

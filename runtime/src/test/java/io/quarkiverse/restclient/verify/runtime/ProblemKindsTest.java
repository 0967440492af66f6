package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every kind of start-up problem speaks with one voice (client, the property as written, what is wrong, the fix), and
 * the runtime builds them all through {@link Problem}: no "REST client '...'" failure is assembled by hand any more.
 */
class ProblemKindsTest {

    private static final Path SOURCES = Path.of("src/main/java/io/quarkiverse/restclient/verify/runtime");

    @Test
    void everyKindReadsClientPropertyWhatFix() {
        for (Problem.Kind kind : Problem.Kind.values()) {
            Problem problem = new Problem(kind, "inventory", "quarkus.rest-client.inventory.verify", "is wrong",
                    "write it right");
            assertThat(problem.message()).as(kind.name())
                    .isEqualTo("REST client 'inventory': quarkus.rest-client.inventory.verify is wrong. Fix: write it right");
            assertThat(problem.failure(null)).hasMessage(problem.message());
            assertThat(problem.refusal()).hasMessage(problem.message());
        }
        assertThat(new Problem(Problem.Kind.NOT_USABLE, null, "quarkus.rest-client.verify-lookup-allow", ": no such net",
                null).message()).isEqualTo("quarkus.rest-client.verify-lookup-allow: no such net");
    }

    @Test
    void everyKindIsUsedAndNoFailureIsAssembledByHand() throws IOException {
        Set<Problem.Kind> used = EnumSet.noneOf(Problem.Kind.class);
        List<String> byHand = new ArrayList<>();
        Pattern kind = Pattern.compile("Problem\\.Kind\\.([A-Z_]+)");
        Pattern handMade = Pattern.compile("new (ConfigurationException|IllegalStateException)\\(\"REST client '");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(file);
                Matcher m = kind.matcher(text);
                while (m.find()) {
                    used.add(Problem.Kind.valueOf(m.group(1)));
                }
                if (handMade.matcher(text).find()) {
                    byHand.add(file.getFileName().toString());
                }
            }
        }
        assertThat(byHand).as("failures assembled by hand instead of through Problem").isEmpty();
        assertThat(used).as("kinds no message uses (a kind nobody uses is dead)").containsAll(
                EnumSet.allOf(Problem.Kind.class));
    }
}

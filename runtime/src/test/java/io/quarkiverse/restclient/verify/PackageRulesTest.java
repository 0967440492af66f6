package io.quarkiverse.restclient.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rooms of the extension and the doors between them, checked on the sources: each package imports only the
 * packages its rule allows (so nothing runs back up and there is no cycle), and the framework-free packages import no
 * framework.
 */
class PackageRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/quarkiverse/restclient/verify");
    private static final String BASE = "io.quarkiverse.restclient.verify";
    private static final Pattern IMPORT = Pattern
            .compile("^import (?:static )?(io\\.quarkiverse\\.restclient\\.verify(?:\\.[a-z]\\w*)*)\\.[A-Z]",
                    Pattern.MULTILINE);
    private static final Pattern FRAMEWORK = Pattern
            .compile(
                    "^import (?:static )?(io\\.quarkus|io\\.vertx|io\\.smallrye|jakarta|org\\.eclipse\\.microprofile|io\\.netty)\\.",
                    Pattern.MULTILINE);

    /**
     * What reads a file or lists a directory: only {@code trust.files} may, so that every read has the same checks
     * (regular files only, links followed, the size limit). {@code TrustFiles.read} does not match: the name must start
     * the word.
     */
    static final Pattern READS_A_FILE = Pattern.compile("\\bFiles\\.(read\\w*|newInputStream|newBufferedReader"
            + "|newByteChannel|lines|list|walk|find|newDirectoryStream|getAttribute|getLastModifiedTime|size)\\b"
            + "|\\b(FileInputStream|FileReader|RandomAccessFile|FileChannel)\\b|getResourceAsStream");

    /** Which packages each package may import, relative to {@value #BASE}; a package not listed may import any. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("", Set.of("trust")),
            Map.entry("config", Set.of()),
            Map.entry("trust", Set.of()),
            Map.entry("trust.files", Set.of("trust")),
            Map.entry("trust.lookups", Set.of("trust")),
            Map.entry("trust.rules", Set.of("trust")),
            Map.entry("trust.anchors", Set.of("trust", "trust.files", "trust.rules")),
            Map.entry("trust.client", Set.of("trust", "trust.files")),
            Map.entry("trust.revocation",
                    Set.of("trust", "trust.files", "trust.lookups", "trust.rules", "trust.anchors")),
            Map.entry("trust.fetch", Set.of("trust", "trust.lookups")),
            Map.entry("diagnosis", Set.of("", "config", "trust", "trust.anchors", "trust.client", "trust.fetch",
                    "trust.revocation", "trust.rules")),
            // The engine is built around the client's trust, never the other way: nothing of the REST client's wiring.
            Map.entry("runtime.engine", Set.of("config", "trust", "runtime")));

    // The public API is not among them: SslVerificationException is a Jakarta REST ProcessingException.
    private static final Set<String> FRAMEWORK_FREE = Set.of("config", "trust", "trust.files", "trust.lookups",
            "trust.rules", "trust.anchors", "trust.client", "trust.revocation", "trust.fetch", "diagnosis");

    @Test
    void eachPackageImportsOnlyWhatItsRuleAllows() {
        Map<String, Set<String>> imports = imports();
        assertThat(imports.keySet()).as("every package has a rule or is wiring").allMatch(
                p -> ALLOWED.containsKey(p) || p.startsWith("runtime"));
        List<String> broken = new ArrayList<>();
        imports.forEach((pkg, used) -> {
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed != null) {
                used.stream().filter(u -> !allowed.contains(u)).forEach(u -> broken.add(pkg + " -> " + u));
            }
        });
        assertThat(broken).as("imports against the package rules").isEmpty();
    }

    @Test
    void theRulesThemselvesHaveNoCycle() {
        // A rule that allowed a cycle would let the code grow one: the allowed graph is ordered.
        for (String start : ALLOWED.keySet()) {
            assertThat(reachable(start, new TreeSet<>())).as("packages reachable from '%s'", start).doesNotContain(start);
        }
    }

    @Test
    void frameworkFreePackagesImportNoFramework() {
        List<String> found = new ArrayList<>();
        forEachSource((pkg, file, text) -> {
            if (FRAMEWORK_FREE.contains(pkg)) {
                Matcher m = FRAMEWORK.matcher(text);
                while (m.find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            }
        });
        assertThat(found).isEmpty();
    }

    @Test
    void theTrustPackagesNameNoPropertyOfTheirOwn() {
        // Property names are handed in by the wiring (built with config.ClientKeys), so that trust stays framework-free.
        List<String> found = new ArrayList<>();
        forEachSource((pkg, file, text) -> {
            if (pkg.equals("trust") || pkg.startsWith("trust.")) {
                text.lines().filter(line -> line.contains("quarkus.rest-client.") || line.contains("ClientKeys"))
                        .forEach(line -> found.add(file.getFileName() + ": " + line.strip()));
            }
        });
        assertThat(found).isEmpty();
    }

    @Test
    void onlyTheDoorToTheDiskReadsFiles() {
        List<String> found = new ArrayList<>();
        List<String> inTheDoor = new ArrayList<>();
        forEachSource((pkg, file, text) -> {
            Matcher m = READS_A_FILE.matcher(text);
            while (m.find()) {
                (pkg.equals("trust.files") ? inTheDoor : found).add(file.getFileName() + ": " + m.group());
            }
        });
        assertThat(found).as("file reads outside trust.files").isEmpty();
        // Premise: the pattern recognises the reads the door itself makes.
        assertThat(inTheDoor).isNotEmpty();
    }

    @Test
    void theRulesSeeEveryPackage() {
        // Premise: the scan reads the sources (a wrong working directory would make every check pass).
        assertThat(imports()).containsKeys("trust", "trust.files", "trust.anchors", "trust.revocation", "trust.fetch",
                "trust.rules", "trust.client", "trust.lookups", "diagnosis", "runtime");
    }

    private static Set<String> reachable(String from, Set<String> seen) {
        for (String next : ALLOWED.getOrDefault(from, Set.of())) {
            if (seen.add(next)) {
                reachable(next, seen);
            }
        }
        return seen;
    }

    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        forEachSource((pkg, file, text) -> {
            Set<String> used = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(1).equals(BASE) ? "" : m.group(1).substring(BASE.length() + 1);
                if (!imported.equals(pkg)) {
                    used.add(imported);
                }
            }
        });
        return imports;
    }

    interface SourceVisitor {
        void visit(String pkg, Path file, String text);
    }

    private static void forEachSource(SourceVisitor visitor) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String relative = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                visitor.visit(relative, file, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

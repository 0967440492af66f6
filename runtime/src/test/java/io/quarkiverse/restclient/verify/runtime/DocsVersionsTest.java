package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps what the docs tell a reader to copy working: every version of this project they write (a dependency snippet,
 * coordinates, a {@code -SNAPSHOT}) is the one this build makes, an attribute such as {@code {project-version}} is
 * substituted and defined on the page itself (GitHub renders a page without Antora's {@code antora.yml}), and every
 * {@code ${...}} placeholder is one the reader's build or Quarkus can resolve.
 */
class DocsVersionsTest {

    private static final Path ROOT = Path.of("..");
    private static final String GROUP_ID = "io.quarkiverse.restclientverify";
    private static final Pattern DEPENDENCY = Pattern.compile("<groupId>\\s*" + Pattern.quote(GROUP_ID)
            + "\\s*</groupId>\\s*<artifactId>\\s*([^<\\s]+)\\s*</artifactId>\\s*<version>\\s*([^<\\s]+)\\s*</version>");
    /** {@code group:artifact:version} or a bare {@code quarkus-rest-client-verify-x:version}. */
    private static final Pattern COORDINATES = Pattern.compile(
            "(?:" + Pattern.quote(GROUP_ID) + ":)?(quarkus-rest-client-verify[a-z-]*):([0-9$\\{][^\\s`'\"<>),]*)");
    private static final Pattern SNAPSHOT = Pattern.compile("\\b[0-9][0-9.]*-SNAPSHOT\\b");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\{project-version\\}");
    private static final Pattern ATTRIBUTE_ENTRY = Pattern
            .compile("(?m)^(?:ifndef::([\\w-]+)\\[)?:([\\w-]+):[ \\t]*(.*?)(?:\\])?[ \\t]*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)(?::[^}]*)?\\}");
    /** JVM system properties that Quarkus expands in a property value and every JVM has. */
    private static final Set<String> SYSTEM_PROPERTIES = Set.of("user.home", "user.dir", "user.name", "java.io.tmpdir");

    private static String projectVersion;
    private static final Map<String, String> ARTIFACTS = new LinkedHashMap<>();

    @BeforeAll
    static void readTheVersionsThisBuildMakes() throws Exception {
        Element root = pom(ROOT.resolve("pom.xml"));
        projectVersion = child(root, "version");
        NodeList modules = root.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Element module = pom(ROOT.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml"));
            String version = child(module, "version");
            if (version == null) {
                version = child((Element) module.getElementsByTagName("parent").item(0), "version");
            }
            ARTIFACTS.put(child(module, "artifactId"), version);
        }
        assertThat(projectVersion).as("the root pom's <version>").isNotBlank();
        assertThat(ARTIFACTS).containsKeys("quarkus-rest-client-verify", "quarkus-rest-client-verify-mozilla-ca");
    }

    @Test
    void everyVersionTheDocsWriteIsThisBuilds() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> documents = documents();
        for (Path document : documents) {
            problems.addAll(problems(ROOT.relativize(document).toString(), Files.readString(document)));
        }
        String antora = Files.readString(ROOT.resolve("docs/antora.yml"));
        Matcher attribute = Pattern.compile("(?m)^\\s*project-version:\\s*(\\S+)\\s*$").matcher(antora);
        assertThat(attribute.find()).as("project-version in docs/antora.yml").isTrue();
        if (!attribute.group(1).equals(projectVersion)) {
            problems.add("docs/antora.yml: project-version: " + attribute.group(1) + " is not the project's version "
                    + projectVersion);
        }
        assertThat(documents).as("pages read").hasSizeGreaterThan(15);
        assertThat(problems).as("versions and placeholders the docs give to copy").isEmpty();
    }

    /** The checks themselves catch each mistake they exist for, as these docs once made them. */
    @Test
    void theChecksCatchWhatTheyAreFor() {
        String undefinedProperty = """
                = Mozilla
                [source,xml]
                ----
                <dependency>
                    <groupId>io.quarkiverse.restclientverify</groupId>
                    <artifactId>quarkus-rest-client-verify-mozilla-ca</artifactId>
                    <version>${quarkus-rest-client-verify.version}</version>
                </dependency>
                ----
                """;
        assertThat(problems("mozilla-ca.adoc", undefinedProperty)).anySatisfy(
                problem -> assertThat(problem).contains("${quarkus-rest-client-verify.version}", "undefined"));
        String attributeOnlyInAntora = """
                = Getting started
                [source,xml,subs=attributes+]
                ----
                <version>{project-version}</version>
                ----
                """;
        assertThat(problems("index.adoc", attributeOnlyInAntora))
                .anySatisfy(problem -> assertThat(problem).contains("does not define :project-version:"));
        String notSubstituted = """
                = Getting started
                :project-version: %s
                [source,xml]
                ----
                <version>{project-version}</version>
                ----
                """.formatted(projectVersion);
        assertThat(problems("index.adoc", notSubstituted))
                .anySatisfy(problem -> assertThat(problem).contains("without subs=attributes+"));
        String stale = """
                <dependency>
                    <groupId>io.quarkiverse.restclientverify</groupId>
                    <artifactId>quarkus-rest-client-verify</artifactId>
                    <version>0.9.0</version>
                </dependency>
                mvn dependency:get -Dartifact=io.quarkiverse.restclientverify:quarkus-rest-client-verify:1.0.0
                built as 998-SNAPSHOT
                """;
        assertThat(problems("README.md", stale)).hasSize(3);
        assertThat(problems("README.md", "verify=${user.home}/ca.pem\ncert-key-password=${KEY_PASSWORD}")).isEmpty();
    }

    /** What a reader who copies from this document gets wrong, one line each; empty when nothing. */
    private static List<String> problems(String name, String text) {
        List<String> problems = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher entry = ATTRIBUTE_ENTRY.matcher(text);
        while (entry.find()) {
            attributes.put(entry.group(2), entry.group(3));
        }
        String resolved = text;
        if (ATTRIBUTE.matcher(text).find()) {
            if (name.endsWith(".md")) {
                problems.add(name + ": Markdown shows {project-version} as it is; write the version");
            } else if (!attributes.containsKey("project-version")) {
                problems.add(name + " uses {project-version} but does not define :project-version: itself, so GitHub,"
                        + " which renders the page without docs/antora.yml, shows {project-version} literally; add"
                        + " ifndef::project-version[:project-version: " + projectVersion + "] below the title");
            } else {
                resolved = ATTRIBUTE.matcher(text).replaceAll(Matcher.quoteReplacement(attributes.get("project-version")));
            }
        }
        for (Block block : blocks(text)) {
            if (ATTRIBUTE.matcher(block.body).find() && !block.attributes.matches("(?s).*subs=\"?[^\\]]*attributes.*")) {
                problems.add(name + ":" + block.line + ": a listing block uses {project-version} without subs=attributes+"
                        + ", so Asciidoctor prints it literally: " + block.attributes);
            }
            for (Matcher placeholder = PLACEHOLDER.matcher(block.body); placeholder.find();) {
                String key = placeholder.group(1);
                if (!definedOutside(key) && !block.body.matches("(?s).*(^|\\n)\\s*" + Pattern.quote(key) + "\\s*=.*")
                        && !block.body.contains("<" + key + ">")) {
                    problems.add(name + ":" + block.line + ": ${" + key + "} is undefined: neither the reader's"
                            + " environment, a JVM system property, nor a property of the same snippet defines it");
                }
            }
        }
        for (String line : outsideBlocks(text)) {
            for (Matcher placeholder = PLACEHOLDER.matcher(line); placeholder.find();) {
                if (!definedOutside(placeholder.group(1))) {
                    problems.add(name + ": ${" + placeholder.group(1) + "} is undefined: " + line.trim());
                }
            }
        }
        for (Matcher dependency = DEPENDENCY.matcher(resolved); dependency.find();) {
            problems.addAll(version(name, dependency.group(1), dependency.group(2), dependency.group()));
        }
        for (Matcher coordinates = COORDINATES.matcher(resolved); coordinates.find();) {
            problems.addAll(version(name, coordinates.group(1), coordinates.group(2), coordinates.group()));
        }
        for (Matcher snapshot = SNAPSHOT.matcher(resolved); snapshot.find();) {
            if (!snapshot.group().equals(projectVersion)) {
                problems.add(name + ": " + snapshot.group() + " is not the project's version " + projectVersion);
            }
        }
        return problems;
    }

    private static List<String> version(String name, String artifact, String version, String where) {
        if (version.startsWith("$") || version.startsWith("{")) {
            return List.of(); // a placeholder or an undefined attribute: the checks above judge it
        }
        String expected = ARTIFACTS.get(artifact);
        if (expected == null) {
            return List.of(name + ": " + artifact + " is not an artifact this build makes: " + where);
        }
        if (!version.equals(expected)) {
            return List.of(name + ": " + artifact + " " + version + " is not the version this build makes, " + expected
                    + ": " + where.replaceAll("\\s+", " "));
        }
        return List.of();
    }

    private static boolean definedOutside(String key) {
        // An environment variable's name is the reader's to set, as the docs say where they use one.
        return key.matches("[A-Z][A-Z0-9_]*") || SYSTEM_PROPERTIES.contains(key);
    }

    private record Block(int line, String attributes, String body) {
    }

    /** Listing and literal blocks ({@code ----}, {@code ....}, Markdown fences) with their attribute line. */
    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String delimiter = lines[i].trim();
            if (delimiter.equals("----") || delimiter.equals("....") || delimiter.startsWith("```")) {
                String closing = delimiter.startsWith("```") ? "```" : delimiter;
                String attributes = i > 0 && lines[i - 1].startsWith("[") ? lines[i - 1] : "";
                StringBuilder body = new StringBuilder();
                int start = i + 1;
                for (i++; i < lines.length && !lines[i].trim().equals(closing); i++) {
                    body.append(lines[i]).append('\n');
                }
                blocks.add(new Block(start, attributes, body.toString()));
            }
        }
        return blocks;
    }

    private static List<String> outsideBlocks(String text) {
        List<String> outside = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String delimiter = lines[i].trim();
            if (delimiter.equals("----") || delimiter.equals("....") || delimiter.startsWith("```")) {
                String closing = delimiter.startsWith("```") ? "```" : delimiter;
                for (i++; i < lines.length && !lines[i].trim().equals(closing); i++) {
                }
            } else {
                outside.add(lines[i]);
            }
        }
        return outside;
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        try (Stream<Path> pages = Files.walk(ROOT.resolve("docs/modules/ROOT/pages"))) {
            pages.filter(page -> page.toString().endsWith(".adoc")).sorted().forEach(documents::add);
        }
        documents.add(ROOT.resolve("README.md"));
        documents.add(ROOT.resolve("mozilla-ca/README.md"));
        return documents;
    }

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    /** The text of a direct child element, or null. */
    private static String child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}

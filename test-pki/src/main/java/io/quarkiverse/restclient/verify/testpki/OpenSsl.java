package io.quarkiverse.restclient.verify.testpki;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code openssl} command, where installed: the independent oracle for OpenSSL subject hashes, so that fixtures
 * do not name {@code <hash>.N} files with the very function under test.
 */
public final class OpenSsl {

    private static final Optional<Path> COMMAND = find();
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    private OpenSsl() {
    }

    /** Whether the {@code openssl} command is installed. */
    public static boolean available() {
        return COMMAND.isPresent();
    }

    /**
     * The subject hash of the certificate as {@code openssl x509 -hash -noout} prints it; where OpenSSL is not
     * installed, what {@code withoutOpenssl} says.
     */
    public static String subjectHash(X509Certificate certificate, Function<X509Certificate, String> withoutOpenssl) {
        if (COMMAND.isEmpty()) {
            return withoutOpenssl.apply(certificate);
        }
        return HASHES.computeIfAbsent(Pem.certificates(certificate), pem -> {
            try {
                Path file = Files.createTempFile("verify-hash-", ".pem");
                try {
                    Pem.write(file, pem);
                    return run("x509", "-hash", "-noout", "-in", file.toString()).trim();
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Lays out an OpenSSL hashed CA directory: writes each certificate to its own file and names it by subject hash
     * with {@code openssl rehash}; where OpenSSL is not installed, with links named by {@code withoutOpenssl}.
     */
    public static Path hashedDirectory(Path dir, List<X509Certificate> certificates,
            Function<X509Certificate, String> withoutOpenssl) {
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            for (X509Certificate certificate : certificates) {
                files.add(Pem.write(dir.resolve(certificate.getSerialNumber().toString(16) + ".pem"),
                        Pem.certificates(certificate)));
            }
            if (COMMAND.isPresent()) {
                run("rehash", dir.toString());
                return dir;
            }
            for (int i = 0; i < certificates.size(); i++) {
                String hash = withoutOpenssl.apply(certificates.get(i));
                int n = 0;
                while (Files.exists(dir.resolve(hash + "." + n), LinkOption.NOFOLLOW_LINKS)) {
                    n++;
                }
                Files.createSymbolicLink(dir.resolve(hash + "." + n), files.get(i).getFileName());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(COMMAND.get().toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return output;
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "openssl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

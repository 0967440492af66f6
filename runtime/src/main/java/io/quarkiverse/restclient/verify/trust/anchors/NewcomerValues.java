package io.quarkiverse.restclient.verify.trust.anchors;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * The {@code verify} values people write by habit from shells and other tools, which a properties file does not
 * mean the way they expect: quotes, {@code ~/}, {@code file:} URLs, and words that are not keywords. Each is refused
 * with what to write instead, before a confusing "does not exist" could be reported about it.
 */
final class NewcomerValues {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private NewcomerValues() {
    }

    /** The token, when it can be meant as a path; else a {@link TrustMaterialException} saying what to write. */
    static String checkPath(String token) {
        char first = token.charAt(0);
        if ((first == '"' || first == '\'') && token.length() > 1 && token.charAt(token.length() - 1) == first) {
            // A properties file keeps quotes as part of the value.
            throw new TrustMaterialException(token + " is quoted, and quotes are part of a value in a properties"
                    + " file, so this names a path with quote characters in it. Fix: write the path without quotes, e.g."
                    + " verify=" + token.substring(1, token.length() - 1));
        }
        if (token.regionMatches(true, 0, "file:", 0, "file:".length())) {
            // Refused even when the file exists: requests and curl take a path, and one spelling keeps reloads simple.
            throw new TrustMaterialException(Printable.text(token, Printable.MAX_NAME) + " is a file: URL; verify takes a"
                    + " path, as requests' REQUESTS_CA_BUNDLE and curl's --cacert do. Fix: write the plain path, e.g."
                    + " verify=" + Printable.text(plainPath(token), Printable.MAX_NAME));
        }
        if (token.equals("~") || token.startsWith("~/")) {
            throw new TrustMaterialException(token + " starts with ~, which only a shell expands; Java reads it as a"
                    + " directory called ~. Fix: write ${user.home}" + token.substring(1) + " (Quarkus expands"
                    + " ${user.home}), or the absolute path");
        }
        if (WORD.matcher(token).matches() && !Files.exists(Path.of(token))) {
            throw new TrustMaterialException("'" + token + "' is not a keyword, and no file or directory of that name"
                    + " exists." + Keyword.meant(token).map(k -> " Did you mean " + k + "?").orElse("")
                    + " The keywords are " + Keyword.described() + ", in any case, and classpath:<path>; anything"
                    + " else is the path of a CA bundle file or a CA directory");
        }
        return token;
    }

    /** The path a {@code file:} URL names: {@code file:///etc/ssl/corp.pem} and {@code file:/etc/ssl/corp.pem} alike. */
    private static String plainPath(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getPath() != null && !uri.getPath().isEmpty()) {
                return uri.getPath();
            }
        } catch (URISyntaxException e) {
            // Not a well-formed URL (a space, say): cut the scheme and the empty authority by hand.
        }
        String rest = url.substring("file:".length());
        return rest.startsWith("///") ? rest.substring(2) : rest.startsWith("//localhost/") ? rest.substring(11) : rest;
    }
}

package io.quarkiverse.restclient.verify.trust.revocation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * Public key pins in the form curl's {@code --pinnedpubkey} and OkHttp's {@code CertificatePinner} use:
 * {@code sha256/<base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo>}. Pinning the key rather than the
 * certificate lets a server renew its certificate with the same key.
 */
public final class SpkiPins {

    private static final String PREFIX = "sha256/";
    /** Base64 characters of a SHA-256 hash: 43, then one '=' of padding. */
    private static final int PIN_LENGTH = 44;
    private static final int UNPADDED_LENGTH = 43;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    private static final String FIX = "Fix: copy the whole pin, or print it with: openssl s_client -connect host:443"
            + " </dev/null | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256"
            + " -binary | openssl enc -base64";
    private static final SpkiPins NONE = new SpkiPins(List.of());

    private final List<String> pins;
    private final Set<String> set;

    private SpkiPins(List<String> pins) {
        this.pins = List.copyOf(pins);
        this.set = new LinkedHashSet<>(pins);
    }

    /** No pins: every chain that passes verification is accepted. */
    public static SpkiPins none() {
        return NONE;
    }

    /**
     * Parses pins such as {@code sha256/AAAA...=}.
     *
     * @throws TrustMaterialException naming the value that is not a pin and what a pin looks like
     */
    public static SpkiPins parse(List<String> values) {
        List<String> pins = new ArrayList<>();
        for (String raw : values) {
            String value = raw.trim();
            if (value.isEmpty()) {
                continue;
            }
            String shown = Printable.text(value, 100);
            if (!value.startsWith(PREFIX)) {
                throw new TrustMaterialException("'" + shown + "' is not a pin: a pin is sha256/ followed by the"
                        + " base64 SHA-256 hash of a certificate's public key. " + FIX);
            }
            String hash64 = value.substring(PREFIX.length());
            Optional<Character> foreign = hash64.chars().mapToObj(c -> (char) c)
                    .filter(c -> BASE64.indexOf(c) < 0).findFirst();
            if (foreign.isPresent()) {
                throw new TrustMaterialException("'" + shown + "' is not a pin: the part after sha256/ holds '"
                        + Printable.text(String.valueOf(foreign.get())) + "', which is not a base64 character. " + FIX);
            }
            String unpadded = hash64.replaceAll("=+$", "");
            // A copy cut short is the usual mistake: say so, rather than that its base64 does not decode.
            if (unpadded.length() != UNPADDED_LENGTH) {
                throw new TrustMaterialException("'" + shown + "' is " + (unpadded.length() < UNPADDED_LENGTH
                        ? "an incomplete pin"
                        : "not a pin") + ": the part after sha256/ has " + hash64.length()
                        + " characters, a SHA-256 pin has " + PIN_LENGTH + " base64 characters. " + FIX);
            }
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(hash64);
            } catch (IllegalArgumentException e) {
                throw new TrustMaterialException("'" + shown + "' is not a pin: the part after sha256/ is not base64 ("
                        + e.getMessage() + "). " + FIX, e);
            }
            // Normalised, so that a pin written without padding still compares equal.
            pins.add(PREFIX + Base64.getEncoder().encodeToString(hash));
        }
        return pins.isEmpty() ? NONE : new SpkiPins(pins);
    }

    /** The pin of a certificate's public key, ready to copy into {@code verify-pins}. */
    public static String pinOf(X509Certificate certificate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return PREFIX + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether there are no pins. */
    public boolean isEmpty() {
        return pins.isEmpty();
    }

    /** The pins, normalised, in the order configured. */
    public List<String> values() {
        return pins;
    }

    /** The first certificate of the path whose key is pinned, if any. */
    public Optional<X509Certificate> firstMatch(List<X509Certificate> path) {
        for (X509Certificate certificate : path) {
            if (set.contains(pinOf(certificate))) {
                return Optional.of(certificate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return String.join(",", pins);
    }
}

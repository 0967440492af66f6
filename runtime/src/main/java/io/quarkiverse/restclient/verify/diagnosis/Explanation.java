package io.quarkiverse.restclient.verify.diagnosis;

import java.util.List;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;

/**
 * What one explanation family says about a failure: the reason, what failed in plain words with the evidence, and
 * fixes, safest first. {@link HandshakeDiagnosis} puts it in the frame every message shares.
 *
 * @param reason the reason
 * @param what what failed, in plain words, with the evidence
 * @param hints fixes, safest first, each naming the property to set
 * @param otherTrust what the application's other trust says about the chain, for its own line; null when not asked
 */
record Explanation(Reason reason, String what, List<String> hints, String otherTrust) {

    Explanation {
        hints = List.copyOf(hints);
    }

    Explanation(Reason reason, String what, List<String> hints) {
        this(reason, what, hints, null);
    }
}

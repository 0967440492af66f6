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
 */
record Explanation(Reason reason, String what, List<String> hints) {

    Explanation {
        hints = List.copyOf(hints);
    }
}

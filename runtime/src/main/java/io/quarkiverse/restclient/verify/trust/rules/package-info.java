/**
 * The rules a validated path must follow beyond the JDK's PKIX checks: OpenSSL's (hence Python requests'), the name
 * constraints of an anchor, host names in subject alternative names only, and strict mode's (after webpki).
 * <p>
 * Rule: pure functions of a {@link io.quarkiverse.restclient.verify.trust.ValidatedPath} (no I/O, no state); a broken
 * rule is a typed exception that names the certificate and the rule.
 */
package io.quarkiverse.restclient.verify.trust.rules;

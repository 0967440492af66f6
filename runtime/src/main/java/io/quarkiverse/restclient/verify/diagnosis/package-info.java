/**
 * From a failed handshake to an {@link io.quarkiverse.restclient.verify.SslVerificationException}: the evidence the
 * trust manager recorded, the classification into a reason, and the text and hints for each reason.
 * <p>
 * Rule: framework-free; property names come from {@code config}; server-chosen text is escaped.
 */
package io.quarkiverse.restclient.verify.diagnosis;

/**
 * The checks after the anchors accepted a chain: revocation (CRL files, stapled OCSP answers, responders and CRL
 * distribution points) and public key pins, judged on the path the anchors validated.
 * <p>
 * Rule: runs after the anchors decided and never accepts what they rejected; reaches the network only through
 * {@code trust.lookups}.
 */
package io.quarkiverse.restclient.verify.trust.revocation;

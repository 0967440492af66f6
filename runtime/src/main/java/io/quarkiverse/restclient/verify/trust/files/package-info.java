/**
 * The only door to the disk: every read of a CA bundle, hashed directory entry, client certificate or key, PKCS#12
 * store or CRL file goes through {@link io.quarkiverse.restclient.verify.trust.files.TrustFiles} (regular files only,
 * links followed, a size limit, no pipes or devices), and PEM blocks are found by one reader.
 * <p>
 * Rule: no class outside this package opens a file; this package knows nothing of what the certificates mean.
 */
package io.quarkiverse.restclient.verify.trust.files;

/**
 * The public API of the extension: what an application catches
 * ({@link io.quarkiverse.restclient.verify.SslVerificationException},
 * with its {@link io.quarkiverse.restclient.verify.PresentedCertificate}s) and the events it may observe when trust is
 * reloaded. It uses only the shared vocabulary of {@code trust} (printing and fingerprints); everything else may change
 * between releases.
 */
package io.quarkiverse.restclient.verify;

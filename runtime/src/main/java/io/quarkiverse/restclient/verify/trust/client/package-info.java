/**
 * The client's own certificate for mutual TLS, in every format PKI teams hand out (PEM with the key, PKCS#8 encrypted
 * or not, PKCS#1, SEC1, PKCS#12), and the key manager that offers it.
 * <p>
 * Rule: reads files only through {@code trust.files}; a key or password never appears in a message.
 */
package io.quarkiverse.restclient.verify.trust.client;

/**
 * Repair of incomplete chains: an intermediate the server did not send is fetched from the caIssuers URL of the
 * certificate below it, within bounds, and the completed chain is judged by the same trust again.
 * <p>
 * Rule: a fetched certificate is never an anchor and is remembered only after the chain it completed was trusted;
 * reaches the network only through {@code trust.lookups}.
 */
package io.quarkiverse.restclient.verify.trust.fetch;

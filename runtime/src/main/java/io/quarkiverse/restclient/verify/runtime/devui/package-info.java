/**
 * The Dev UI card and its JSON-RPC service: each client's trust, recent failures, and an inspection of a server made
 * with the client's own trust.
 */
package io.quarkiverse.restclient.verify.runtime.devui;

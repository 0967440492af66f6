/**
 * The only door to the network: the HTTP look-ups that certificates ask for (caIssuers, OCSP, CRL distribution
 * points), with one deadline per look-up and per handshake, the addresses a server-chosen URL may reach, and a single
 * flight per URL.
 * <p>
 * Rule: every look-up goes through {@link io.quarkiverse.restclient.verify.trust.lookups.PkiLookups}; nothing here
 * decides trust.
 */
package io.quarkiverse.restclient.verify.trust.lookups;

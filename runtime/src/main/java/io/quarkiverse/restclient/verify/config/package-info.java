/**
 * The names of the configuration properties, and nothing else: {@link io.quarkiverse.restclient.verify.config.ClientKeys}
 * builds the keys of one REST client under one of the names it answers to. The only package of the trust side that
 * spells {@code quarkus.rest-client.}; framework-free.
 */
package io.quarkiverse.restclient.verify.config;

/**
 * The shared vocabulary of the trust rooms below it: a layer over a trust manager, the validated path that layers
 * judge, material that reloads, text made safe to print, bounded maps, and the exception for unusable trust material.
 * <p>
 * Rule: framework-free (no Quarkus, no Vert.x, no configuration), and it imports none of its sub-packages; the
 * sub-packages ({@code files}, {@code lookups}, {@code rules}, {@code anchors}, {@code client}, {@code revocation},
 * {@code fetch}) import it and each other only downwards, in that order.
 */
package io.quarkiverse.restclient.verify.trust;

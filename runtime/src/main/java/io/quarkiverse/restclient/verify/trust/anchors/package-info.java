/**
 * What a {@code verify} value resolves to and the trust managers that decide with it: the keyword and file parsing
 * ({@link io.quarkiverse.restclient.verify.trust.anchors.TrustSpec}), the loaded material
 * ({@link io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial}), the JDK's default trust, the operating
 * system's stores, the Mozilla bundle with its distrust-after dates, OpenSSL hashed directories, and anchors that
 * count only while valid.
 * <p>
 * Rule: reads files only through {@code trust.files}; never reaches the network.
 */
package io.quarkiverse.restclient.verify.trust.anchors;

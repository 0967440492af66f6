package io.quarkiverse.restclient.verify.mozillaca;

/**
 * Marks the class-path element (jar or directory) of this artifact: {@code quarkus-rest-client-verify} reads the
 * bundle {@code META-INF/quarkus-rest-client-verify/mozilla-ca.pem} only next to this class, so that a file of the
 * same name in another jar, or in the application, cannot replace Mozilla's trust.
 */
public final class MozillaCaArtifact {

    private MozillaCaArtifact() {
    }
}

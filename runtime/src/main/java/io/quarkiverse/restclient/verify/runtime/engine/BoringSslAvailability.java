package io.quarkiverse.restclient.verify.runtime.engine;

import java.util.Optional;

import io.netty.handler.ssl.OpenSsl;
import io.netty.util.internal.PlatformDependent;
import io.quarkus.runtime.ImageMode;

/**
 * Whether BoringSSL can run in this process, and if not, why and what to do: its artifact must be on the class path
 * with the native library of this platform, and the process must not be a native image, whose Quarkus substitutions
 * report Netty's OpenSSL engine as unavailable (as Quarkus refuses its own TLS registry's {@code ssl-engine=openssl}
 * there).
 */
public interface BoringSslAvailability {

    /** The artifact that brings BoringSSL, with the version this extension is tested with. */
    String ARTIFACT = "io.netty:netty-tcnative-boringssl-static:2.0.84.Final";

    /** Why BoringSSL cannot run, empty when it can. */
    Optional<Unavailable> unavailable();

    /**
     * Why BoringSSL cannot run, and the fix.
     *
     * @param what completes "needs BoringSSL, but ...", e.g. {@code the artifact ... is not on the class path}
     */
    record Unavailable(String what, String fix) {
    }

    /** The answer for this process, asked once per client that chooses BoringSSL. */
    static BoringSslAvailability ofThisProcess() {
        return () -> {
            if (ImageMode.current() == ImageMode.NATIVE_RUN) {
                return Optional.of(new Unavailable("this is a native image, where Quarkus leaves Netty's OpenSSL engine"
                        + " out (as for its own TLS registry's ssl-engine=openssl)",
                        "keep ssl-engine=openssl for the JVM builds only, e.g. in a profile, and use the JDK engine"
                                + " (ssl-engine=jdk) in the native build"));
            }
            boolean classes;
            try {
                Class.forName("io.netty.internal.tcnative.SSL", false, BoringSslAvailability.class.getClassLoader());
                classes = true;
            } catch (ClassNotFoundException | LinkageError e) {
                classes = false;
            }
            return missing(classes, OpenSsl.isAvailable(), classes ? OpenSsl.unavailabilityCause() : null,
                    PlatformDependent.normalizedOs() + "-" + PlatformDependent.normalizedArch());
        };
    }

    /**
     * The answer for these facts, framework-free so that every case can be tested.
     *
     * @param classes whether netty-tcnative's classes are on the class path
     * @param available whether Netty loaded a native library
     * @param cause why Netty could not load it, if it says
     * @param platform the classifier of this machine, e.g. {@code linux-x86_64}
     */
    static Optional<Unavailable> missing(boolean classes, boolean available, Throwable cause, String platform) {
        String add = "add the dependency " + ARTIFACT + " with the classifier " + platform + " (this machine's"
                + " platform; without a classifier it brings every platform's library) to the application";
        if (!classes) {
            return Optional.of(new Unavailable("its artifact " + ARTIFACT + " is not on the class path", add));
        }
        if (!available) {
            String why = cause == null ? "for no reason it tells" : String.valueOf(cause.getMessage());
            return Optional.of(new Unavailable("Netty could not load its native library for " + platform + " (" + why
                    + ")", add));
        }
        return Optional.empty();
    }
}

package io.quarkiverse.restclient.verify.trust.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;

/**
 * Server-chosen URLs never reach inside: loopback, link-local (cloud metadata), private, shared, unique-local and
 * their IPv6 disguises are refused unless allowed, and a redirect is judged again on the address it leads to.
 */
class LookupAddressesTest {

    /** Public addresses only, with the setting's name as the application hands it in. */
    static final LookupAddresses DEFAULT = LookupAddresses.allowing(List.of(), "quarkus.rest-client.verify-lookup-allow");

    @Test
    void refusalsNameTheSettingHandedIn() throws UnknownHostException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(LookupAddresses.allowing(List.of(), "app.allow").refusal("127.0.0.1", loopback))
                .contains("127.0.0.1 is a loopback address; allow it with app.allow");
        assertThat(LookupAddresses.allowing(List.of("10.0.0.0/8"), "app.allow").refusalThroughProxy("localhost"))
                .contains("localhost is a loopback name; allow it with app.allow");
        assertThat(LookupAddresses.publicOnly().refusal("127.0.0.1", loopback))
                .contains("127.0.0.1 is a loopback address; allow it with verify-lookup-allow");
    }

    @Test
    void insideAddressesAreRefusedByDefault() throws UnknownHostException {
        assertThat(refusal("169.254.169.254")).contains("169.254.169.254 is a link-local address; allow it with"
                + " quarkus.rest-client.verify-lookup-allow");
        assertThat(refusal("127.0.0.1")).contains("127.0.0.1 is a loopback address; allow it with"
                + " quarkus.rest-client.verify-lookup-allow");
        assertThat(refusal("10.1.2.3")).get().asString().contains("a private address");
        assertThat(refusal("172.31.255.1")).get().asString().contains("a private address");
        assertThat(refusal("192.168.0.1")).get().asString().contains("a private address");
        assertThat(refusal("100.64.0.1")).get().asString().contains("a shared (carrier-grade NAT) address");
        assertThat(refusal("0.0.0.0")).get().asString().contains("any-local");
        assertThat(refusal("224.0.0.1")).get().asString().contains("a multicast address");
        assertThat(refusal("::1")).get().asString().contains("a loopback address");
        assertThat(refusal("::")).get().asString().contains("the any-local address");
        assertThat(refusal("fe80::1")).get().asString().contains("a link-local address");
        assertThat(refusal("fd00::1")).get().asString().contains("a unique-local address");
        assertThat(refusal("::ffff:127.0.0.1")).get().asString().contains("a loopback address");
        assertThat(refusal("::ffff:169.254.169.254")).get().asString().contains("a link-local address");
        assertThat(refusal("64:ff9b::a9fe:a9fe")).get().asString().contains("a link-local address (in an IPv6 form)");
        assertThat(refusal("::7f00:1")).get().asString().contains("a loopback address (in an IPv6 form)");
        assertThat(refusal("2002:7f00:1::")).get().asString().contains("a loopback address (in an IPv6 form)");
    }

    @Test
    void publicAddressesAreAllowed() throws UnknownHostException {
        assertThat(refusal("8.8.8.8")).isEmpty();
        assertThat(refusal("172.32.0.1")).isEmpty();
        assertThat(refusal("2606:4700::1111")).isEmpty();
    }

    @Test
    void allowedNamesAddressesAndNetworks() throws UnknownHostException {
        LookupAddresses corp = LookupAddresses.allowing(List.of("pki.corp.example", "*.intra.example", "10.0.0.0/8",
                "127.0.0.1", "fd00::/8"));
        assertThat(corp.refusal("pki.corp.example", InetAddress.getByName("192.168.1.1"))).isEmpty();
        assertThat(corp.refusal("ca.intra.example", InetAddress.getByName("192.168.1.1"))).isEmpty();
        assertThat(corp.refusal("other.corp.example", InetAddress.getByName("192.168.1.1"))).get().asString()
                .startsWith("other.corp.example (192.168.1.1) is a private address");
        assertThat(corp.refusal("10.9.8.7", InetAddress.getByName("10.9.8.7"))).isEmpty();
        assertThat(corp.refusal("127.0.0.1", InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(corp.refusal("127.0.0.2", InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(corp.refusal("fd12::1", InetAddress.getByName("fd12::1"))).isEmpty();
        assertThat(corp.refusal("169.254.169.254", InetAddress.getByName("169.254.169.254"))).isPresent();
        assertThatThrownBy(() -> LookupAddresses.allowing(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> LookupAddresses.allowing(List.of("http://x"))).hasMessageContaining("http://x");
    }

    @Test
    void throughAProxyTheTargetNameIsJudged() {
        assertThat(DEFAULT.refusalThroughProxy("127.0.0.1")).isPresent();
        assertThat(DEFAULT.refusalThroughProxy("[::1]")).isPresent();
        assertThat(DEFAULT.refusalThroughProxy("localhost")).isPresent();
        assertThat(DEFAULT.refusalThroughProxy("ca.example.com")).isEmpty();
    }

    @Test
    void aRedirectIsJudgedAgainOnTheAddressItLeadsTo() {
        try (CaIssuersServer issuers = CaIssuersServer.start()) {
            issuers.certificate("/inside.cer", CertificateAuthority.root("Inside CA").certificate());
            issuers.redirect("/hop.cer", issuers.url("/inside.cer"));
            // The name localhost is allowed; the address 127.0.0.1 is not.
            LookupAddresses localhost = LookupAddresses.allowing(List.of("localhost"),
                    "quarkus.rest-client.verify-lookup-allow");
            URI first = URI.create("http://localhost:" + issuers.port() + "/hop.cer");

            assertThatThrownBy(() -> new PkiLookups().sendAndWait(PkiLookups.Request.get(first, "*/*", 1024, 3),
                    Optional.empty(), localhost, LookupDeadline.in(LookupDeadline.LOOK_UP)))
                    .isInstanceOf(PkiLookups.Failure.class)
                    .hasMessage("127.0.0.1 is a loopback address; allow it with quarkus.rest-client.verify-lookup-allow");
            assertThat(issuers.fetches("/hop.cer")).isEqualTo(1);
            assertThat(issuers.fetches("/inside.cer")).isZero();
        }
    }

    private static Optional<String> refusal(String address) throws UnknownHostException {
        return DEFAULT.refusal(address, InetAddress.getByName(address));
    }
}

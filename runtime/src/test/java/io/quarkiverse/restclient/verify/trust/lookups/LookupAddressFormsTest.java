package io.quarkiverse.restclient.verify.trust.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.trust.fetch.FetchLimits;

/**
 * The edges of the address rule: the first and last address of every refused range and their public neighbours, the
 * IPv6 forms that carry an IPv4 address (and look-alikes that do not), allowed entries written with a trailing dot or
 * as networks of the other family, and what is refused when a proxy resolves the name.
 */
class LookupAddressFormsTest {

    /** Public addresses only, with the setting's name as the application hands it in. */
    static final LookupAddresses PUBLIC_ONLY = LookupAddresses.allowing(List.of(),
            "quarkus.rest-client.verify-lookup-allow");

    @Test
    void theEdgesOfTheRefusedIpv4RangesAreRefusedAndTheirNeighboursAllowed() throws UnknownHostException {
        assertThat(kind("224.0.0.0")).contains("a multicast address");
        assertThat(kind("239.255.255.250")).contains("a multicast address");
        assertThat(kind("240.0.0.1")).contains("a reserved address");
        assertThat(kind("255.255.255.255")).contains("a reserved address");
        assertThat(kind("192.0.0.8")).contains("a reserved address");
        assertThat(kind("198.18.0.1")).contains("a reserved address");
        assertThat(kind("198.19.255.255")).contains("a reserved address");
        assertThat(kind("172.16.0.1")).contains("a private address");
        assertThat(kind("100.127.255.255")).contains("a shared (carrier-grade NAT) address");
        for (String publicAddress : List.of("223.255.255.255", "192.0.1.1", "192.1.0.1", "198.17.255.255",
                "198.20.0.1", "197.18.0.1", "172.15.255.255", "100.128.0.1", "169.253.1.1", "1.1.1.1")) {
            assertThat(kind(publicAddress)).as(publicAddress).isEmpty();
        }
    }

    @Test
    void theIpv6RangesAreRefused() throws UnknownHostException {
        assertThat(kind("fec0::1")).contains("a site-local address");
        assertThat(kind("febf::1")).contains("a link-local address");
        assertThat(kind("ff02::1")).contains("a multicast address");
        assertThat(kind("fc00::1")).contains("a unique-local address");
        assertThat(kind("fe00::1")).isEmpty();
        assertThat(kind("::2")).isEmpty();
    }

    @Test
    void ipv6FormsCarryingAnInsideIpv4AddressAreRefusedAndLookAlikesAllowed() throws UnknownHostException {
        // The JDK turns ::ffff:a.b.c.d into an IPv4 address when it parses it; a raw IPv6 address keeps the form.
        assertThat(LookupAddresses.kind(ipv6("::ffff:7f00:1"))).contains("a loopback address (in an IPv6 form)");
        assertThat(LookupAddresses.kind(ipv6("::ffff:a9fe:a9fe"))).contains("a link-local address (in an IPv6 form)");
        assertThat(kind("::a00:1")).contains("a private address (in an IPv6 form)");
        assertThat(kind("::1:0")).contains("an any-local (\"this network\") address (in an IPv6 form)");
        assertThat(kind("64:ff9b::c0a8:1")).contains("a private address (in an IPv6 form)");
        assertThat(kind("2002:a00:1::")).contains("a private address (in an IPv6 form)");
        // Look-alikes: one bit off the prefix of each form, carrying 127.0.0.1, are ordinary public addresses.
        for (String lookAlike : List.of("0:0:0:0:1:ffff:7f00:1", "0:0:0:0:0:fffe:7f00:1", "0:0:0:0:0:feff:7f00:1",
                "0:0:0:0:0:1:7f00:1", "1::7f00:1", "64:ff9b:0:0:0:1:7f00:1", "64:ff9b:1::7f00:1", "65:ff9b::7f00:1",
                "2003:7f00:1::", "2102:7f00:1::")) {
            assertThat(LookupAddresses.kind(ipv6(lookAlike))).as(lookAlike).isEmpty();
        }
    }

    @Test
    void anIpv4NetworkAllowsTheIpv6FormsOfItsAddressesAndAnIpv6NetworkNoIpv4Address() throws UnknownHostException {
        LookupAddresses corp = LookupAddresses.allowing(List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(corp.refusal("2002:a01:203::", InetAddress.getByName("2002:a01:203::"))).isEmpty();
        assertThat(corp.refusal("2002:c0a8:1::", InetAddress.getByName("2002:c0a8:1::"))).isPresent();
        assertThat(LookupAddresses.allowing(List.of("fd00::/8")).refusal("10.1.2.3",
                InetAddress.getByName("10.1.2.3"))).isPresent();
        assertThat(LookupAddresses.allowing(List.of("::/0")).refusal("10.1.2.3",
                InetAddress.getByName("10.1.2.3"))).isPresent();
        // A network's bits are compared one by one up to its length, not further.
        LookupAddresses narrow = LookupAddresses.allowing(List.of("10.1.2.0/25"));
        assertThat(narrow.refusal("10.1.2.127", InetAddress.getByName("10.1.2.127"))).isEmpty();
        assertThat(narrow.refusal("10.1.2.128", InetAddress.getByName("10.1.2.128"))).isPresent();
        assertThat(narrow.refusal("10.1.3.1", InetAddress.getByName("10.1.3.1"))).isPresent();
    }

    @Test
    void anAllowedNameMatchesTheHostWrittenWithATrailingDotAndInAnyCase() throws UnknownHostException {
        LookupAddresses corp = LookupAddresses.allowing(List.of(" PKI.Corp.Example ", "", "*.Intra.Example"));
        InetAddress inside = InetAddress.getByName("10.1.2.3");
        assertThat(corp.refusal("pki.corp.example", inside)).isEmpty();
        assertThat(corp.refusal("PKI.CORP.EXAMPLE.", inside)).isEmpty();
        assertThat(corp.refusal("ca.intra.example.", inside)).isEmpty();
        assertThat(corp.refusal("intra.example", inside)).isPresent();
        assertThat(corp.refusal("xpki.corp.example", inside)).isPresent();
        assertThat(corp).hasToString("public addresses and pki.corp.example,*.intra.example");
    }

    @Test
    void nothingAllowedMeansPublicAddressesOnly() throws UnknownHostException {
        LookupAddresses none = LookupAddresses.allowing(List.of(" ", ""));
        assertThat(none).hasToString("public addresses only");
        assertThat(none.refusal("127.0.0.1", InetAddress.getByName("127.0.0.1"))).isPresent();
        assertThat(PUBLIC_ONLY.refusal("localhost", InetAddress.getByName("127.0.0.1"))).contains(
                "localhost (127.0.0.1) is a loopback address; allow it with quarkus.rest-client.verify-lookup-allow");
        assertThat(PUBLIC_ONLY.refusal("[::1]", InetAddress.getByName("::1"))).contains(
                "0:0:0:0:0:0:0:1 is a loopback address; allow it with quarkus.rest-client.verify-lookup-allow");
    }

    @Test
    void entriesThatAreNeitherNameNorNetworkAreRefusedWithTheEntry() {
        for (String wrong : List.of("*.", "*", "-pki.example", "pki.example-", "10.0.0.0/-1", "10.0.0.0/x", "::1/129",
                "999.0.0.1", "pki.example/8")) {
            assertThatThrownBy(() -> LookupAddresses.allowing(List.of(wrong))).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + wrong + "'");
        }
        assertThat(LookupAddresses.allowing(List.of("0.0.0.0/0", "::/0", "10.0.0.0/32", "[::1]")).toString())
                .isEqualTo("public addresses and 0.0.0.0/0,::/0,10.0.0.0/32,[::1]");
    }

    @Test
    void throughAProxyABrokenLiteralOrALocalhostNameIsRefused() {
        LookupAddresses publicOnly = PUBLIC_ONLY;
        assertThat(publicOnly.refusalThroughProxy("[::1")).contains("[::1 is not a valid address");
        assertThat(publicOnly.refusalThroughProxy("1.2.3.999")).contains("1.2.3.999 is not a valid address");
        assertThat(publicOnly.refusalThroughProxy("[fd00::1]")).get().asString().contains("a unique-local address");
        assertThat(publicOnly.refusalThroughProxy("ca.localhost.")).contains(
                "ca.localhost. is a loopback name; allow it with quarkus.rest-client.verify-lookup-allow");
        assertThat(publicOnly.refusalThroughProxy("LOCALHOST")).isPresent();
        assertThat(publicOnly.refusalThroughProxy("notlocalhost")).isEmpty();
        assertThat(publicOnly.refusalThroughProxy("[2606:4700::1111]")).isEmpty();
        assertThat(LookupAddresses.allowing(List.of("localhost")).refusalThroughProxy("localhost")).isEmpty();
        assertThat(LookupAddresses.allowing(List.of("*.localhost")).refusalThroughProxy("ca.localhost")).isEmpty();
    }

    @Test
    void aLookUpInsideAHandshakeEndsAtTheBudgetAndSaysSo() {
        try (LookupDeadline.Scope budget = LookupDeadline.handshake(Duration.ofMillis(300))) {
            LookupDeadline lookUp = LookupDeadline.forLookUp(Duration.ofSeconds(2));
            assertThat(lookUp.allowed()).isLessThanOrEqualTo(Duration.ofMillis(300));
            assertThat(lookUp.remainingNanos()).isLessThanOrEqualTo(Duration.ofMillis(300).toNanos());
            // An inner layer's scope neither extends nor ends the outer budget.
            LookupDeadline.Scope inner = LookupDeadline.handshake(Duration.ofSeconds(10));
            inner.close();
            assertThat(LookupDeadline.forLookUp(Duration.ofSeconds(2)).allowed())
                    .isLessThanOrEqualTo(Duration.ofMillis(300));
        }
        assertThat(LookupDeadline.forLookUp(Duration.ofSeconds(2)).allowed()).isEqualTo(Duration.ofSeconds(2));
        LookupDeadline shorter = LookupDeadline.in(Duration.ofMillis(100));
        assertThat(shorter.earlier(LookupDeadline.in(Duration.ofSeconds(5)))).isSameAs(shorter);
        assertThat(LookupDeadline.in(Duration.ofMillis(-5)).passed()).isTrue();
        assertThat(LookupDeadline.in(Duration.ofMillis(-5)).remainingMillis()).isZero();
        assertThat(LookupDeadline.in(Duration.ofSeconds(5)).remainingMillis()).isBetween(4000, 5000);
    }

    @Test
    void theDefaultLimitsGiveOneServerAQuarterOfTheFetches() {
        assertThat(FetchLimits.DEFAULT.maxFetchesPerServerPerMinute()).isEqualTo(5);
        assertThat(new FetchLimits(1024, Duration.ofSeconds(1), 1, 1, 3, 0, 1, Duration.ZERO)
                .maxFetchesPerServerPerMinute()).isEqualTo(1);
    }

    private static Optional<String> kind(String address) throws UnknownHostException {
        return LookupAddresses.kind(InetAddress.getByName(address));
    }

    private static InetAddress ipv6(String address) throws UnknownHostException {
        // Inet6Address.getByAddress keeps an IPv4-mapped address in its IPv6 form.
        return Inet6Address.getByAddress(null, InetAddress.getByName(address).getAddress().length == 16
                ? InetAddress.getByName(address).getAddress()
                : mapped(InetAddress.getByName(address).getAddress()), -1);
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, bytes, 12, 4);
        return bytes;
    }
}

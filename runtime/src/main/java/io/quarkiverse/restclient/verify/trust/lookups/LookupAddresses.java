package io.quarkiverse.restclient.verify.trust.lookups;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * Which addresses the look-ups a server chooses (its certificates' caIssuers, OCSP and CRL URLs) may reach. By
 * default only public addresses: loopback, link-local, private, shared (carrier-grade NAT), unique-local, any-local,
 * multicast and reserved addresses, also written as IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 addresses, are
 * refused, because an untrusted server must not make the application send requests inside its own network. Allowed
 * host names, addresses and networks (the allow list setting, whose name the application hands in) lift the rule for
 * corporate PKI on private addresses.
 * <p>
 * The rule is applied to the address actually connected to, at each redirect; through a proxy only the URL's host is
 * known, so a literal address or a {@code localhost} name is judged and other names are left to the proxy.
 */
public final class LookupAddresses {

    /** How refusals name the allow list setting when the application does not hand in its full name. */
    public static final String DEFAULT_PROPERTY = "verify-lookup-allow";

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final LookupAddresses PUBLIC_ONLY = new LookupAddresses(List.of(), List.of(), List.of(),
            DEFAULT_PROPERTY);

    private final List<String> names;
    private final List<String> domains;
    private final List<Network> networks;
    private final String property;

    private LookupAddresses(List<String> names, List<String> domains, List<Network> networks, String property) {
        this.names = names;
        this.domains = domains;
        this.networks = networks;
        this.property = property;
    }

    /** Only public addresses: the default; refusals name the setting by {@value #DEFAULT_PROPERTY}. */
    public static LookupAddresses publicOnly() {
        return PUBLIC_ONLY;
    }

    /**
     * Public addresses and these: host names ({@code pki.corp.example}), whole domains ({@code *.corp.example}),
     * addresses ({@code 127.0.0.1}, {@code ::1}) and networks ({@code 10.0.0.0/8}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the entry that is none of these
     */
    public static LookupAddresses allowing(List<String> entries) {
        return allowing(entries, DEFAULT_PROPERTY);
    }

    /**
     * Public addresses and these, as {@link #allowing(List)} reads them.
     *
     * @param property the allow list setting as the user writes it, named by refusals
     * @throws IllegalArgumentException naming the entry that is none of these
     */
    public static LookupAddresses allowing(List<String> entries, String property) {
        List<String> names = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0 || literal(entry)) {
                networks.add(Network.parse(entry, raw));
            } else if (entry.startsWith("*.") && entry.length() > 2) {
                domains.add(entry.substring(1));
            } else if (entry.matches("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?")) {
                names.add(stripDot(entry));
            } else {
                throw new IllegalArgumentException("'" + Printable.text(raw, Printable.MAX_NAME) + "' is neither a"
                        + " host name (pki.corp.example), a domain (*.corp.example), an address (10.1.2.3) nor a"
                        + " network (10.0.0.0/8)");
            }
        }
        return names.isEmpty() && domains.isEmpty() && networks.isEmpty() && property.equals(DEFAULT_PROPERTY)
                ? PUBLIC_ONLY
                : new LookupAddresses(List.copyOf(names), List.copyOf(domains), List.copyOf(networks), property);
    }

    /** Whether this host name is allowed whatever it resolves to. */
    public boolean allowsName(String host) {
        String name = stripDot(host.toLowerCase(Locale.ROOT));
        return names.contains(name) || domains.stream().anyMatch(name::endsWith);
    }

    /**
     * Why a look-up of a URL on this host may not connect to this address, e.g.
     * {@code 127.0.0.1 is a loopback address; allow it with <the allow list setting>}; empty when it may.
     */
    public Optional<String> refusal(String host, InetAddress address) {
        if (allowsName(host)) {
            return Optional.empty();
        }
        Optional<String> kind = kind(address);
        if (kind.isEmpty() || networks.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        String shown = address.getHostAddress();
        String what = literal(unbracket(host)) ? shown : Printable.text(host, Printable.MAX_NAME) + " (" + shown + ")";
        return Optional.of(what + " is " + kind.get() + "; allow it with " + property);
    }

    /**
     * Why a look-up of a URL on this host may not go through a proxy, which resolves the name itself: only a literal
     * address or a {@code localhost} name can be judged here.
     */
    public Optional<String> refusalThroughProxy(String host) {
        String bare = unbracket(host);
        if (literal(bare)) {
            try {
                return refusal(host, InetAddress.getByName(bare));
            } catch (UnknownHostException e) {
                return Optional.of(Printable.text(host, Printable.MAX_NAME) + " is not a valid address");
            }
        }
        String name = stripDot(bare.toLowerCase(Locale.ROOT));
        if ((name.equals("localhost") || name.endsWith(".localhost")) && !allowsName(name)) {
            return Optional.of(Printable.text(host, Printable.MAX_NAME) + " is a loopback name; allow it with "
                    + property);
        }
        return Optional.empty();
    }

    /** What kind of non-public address this is, e.g. {@code a loopback address}; empty for a public one. */
    static Optional<String> kind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return ipv4Kind(embedded.get()).map(kind -> kind + " (in an IPv6 form)");
            }
            return ipv6Kind(b);
        }
        return ipv4Kind(b);
    }

    private static Optional<String> ipv4Kind(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Optional.of("an any-local (\"this network\") address");
        }
        if (first == 127) {
            return Optional.of("a loopback address");
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
            return Optional.of("a private address");
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (first == 169 && second == 254) {
            return Optional.of("a link-local address");
        }
        if (first >= 224 && first <= 239) {
            return Optional.of("a multicast address");
        }
        if (first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second & 0xfe) == 18)) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6Kind(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 15; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && b[15] == 0) {
            return Optional.of("the any-local address");
        }
        if (zeroPrefix && b[15] == 1) {
            return Optional.of("a loopback address");
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        }
        if (first == 0xff) {
            return Optional.of("a multicast address");
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address carries: IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean zero10 = true;
        for (int i = 0; i < 10; i++) {
            zero10 &= b[i] == 0;
        }
        boolean mapped = zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zero10 && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        boolean nat64 = (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return Optional.of(new byte[] { b[12], b[13], b[14], b[15] });
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(new byte[] { b[2], b[3], b[4], b[5] });
        }
        return Optional.empty();
    }

    private static boolean literal(String host) {
        return IPV4.matcher(host).matches() || host.indexOf(':') >= 0;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(names);
        domains.forEach(domain -> all.add("*" + domain));
        networks.forEach(network -> all.add(network.toString()));
        return all.isEmpty() ? "public addresses only" : "public addresses and " + String.join(",", all);
    }

    /** An allowed address or network. */
    private record Network(byte[] prefix, int bits, String written) {

        static Network parse(String entry, String raw) {
            int slash = entry.indexOf('/');
            String address = unbracket(slash < 0 ? entry : entry.substring(0, slash));
            try {
                if (!literal(address)) {
                    throw new UnknownHostException(address);
                }
                // A literal: no name service involved.
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
                if (bits < 0 || bits > bytes.length * 8) {
                    throw new NumberFormatException();
                }
                return new Network(bytes, bits, entry);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("'" + Printable.text(raw, Printable.MAX_NAME) + "' is not an"
                        + " address or a network such as 10.0.0.0/8 or fd00::/8");
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                Optional<byte[]> embedded = bytes.length == 16 ? embeddedIpv4(bytes) : Optional.empty();
                if (embedded.isEmpty() || prefix.length != 4) {
                    return false;
                }
                bytes = embedded.get();
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((bytes[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return written;
        }
    }
}

package io.quarkiverse.restclient.verify.trust.rules;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;

import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * The name constraints of one CA certificate, checked against the certificates below it on a validated path as RFC
 * 5280 section 6.1 does: each one's subject (and the e-mail addresses in it) and subject alternative names, skipping
 * self-issued CAs other than the server's certificate, and, as OpenSSL does, the server certificate's common name when
 * it looks like a host name and the certificate lists no DNS name. Parsed once per CA certificate.
 */
final class CaNameConstraints {

    private static final String NAME_CONSTRAINTS = Extension.nameConstraints.getId();
    private static final int MAX_LISTED = 8;

    private final X509Certificate ca;
    private final NameConstraints constraints;
    private final String unreadable;

    private CaNameConstraints(X509Certificate ca, NameConstraints constraints, String unreadable) {
        this.ca = ca;
        this.constraints = constraints;
        this.unreadable = unreadable;
    }

    /** The CA's constraints, or null when its certificate has none. */
    static CaNameConstraints of(X509Certificate ca) {
        byte[] extension = ca.getExtensionValue(NAME_CONSTRAINTS);
        if (extension == null) {
            return null;
        }
        try {
            return new CaNameConstraints(ca,
                    NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets()), null);
        } catch (RuntimeException e) {
            // Kept and refused at use: a CA whose limits cannot be read must not vouch for anything unlimited.
            return new CaNameConstraints(ca, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The CA certificate these constraints belong to. */
    X509Certificate ca() {
        return ca;
    }

    /**
     * Checks the certificates below this CA, the server's first and the one this CA issued last.
     *
     * @throws NameConstraintViolationException when one of them holds a name the constraints do not allow
     */
    void check(List<X509Certificate> below) throws CertificateException {
        String caName = Printable.name(ca.getSubjectX500Principal());
        if (constraints == null) {
            throw new CertificateException("the name constraints of the CA '" + caName + "' cannot be read ("
                    + Printable.text(unreadable, 300) + "), so the names it vouches for cannot be checked: the chain"
                    + " is refused");
        }
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        if (constraints.getPermittedSubtrees() != null) {
            validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
        }
        if (constraints.getExcludedSubtrees() != null) {
            for (GeneralSubtree subtree : constraints.getExcludedSubtrees()) {
                validator.addExcludedSubtree(subtree);
            }
        }
        for (int i = 0; i < below.size(); i++) {
            X509Certificate certificate = below.get(i);
            boolean leaf = i == 0;
            if (!leaf && certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                // RFC 5280 6.1.3 (b): a self-issued CA certificate inside the path is exempt (key rollover).
                continue;
            }
            for (GeneralName name : namesOf(certificate, leaf)) {
                check(validator, name, caName, certificate);
            }
        }
    }

    private void check(PKIXNameConstraintValidator validator, GeneralName name, String caName,
            X509Certificate certificate) throws CertificateException {
        boolean excluded = false;
        try {
            if (name.getTagNo() == GeneralName.directoryName) {
                X500Name dn = X500Name.getInstance(name.getName());
                validator.checkPermittedDN(dn);
                excluded = true;
                validator.checkExcludedDN(dn);
            } else {
                validator.checkPermitted(name);
                excluded = true;
                validator.checkExcluded(name);
            }
        } catch (NameConstraintValidatorException e) {
            throw new NameConstraintViolationException(caName, Printable.name(certificate.getSubjectX500Principal()),
                    describe(name), describe(constraints), excluded);
        } catch (RuntimeException e) {
            throw new CertificateException("the name " + describe(name) + " of the certificate '"
                    + Printable.name(certificate.getSubjectX500Principal()) + "' cannot be checked against the name"
                    + " constraints of the CA '" + caName + "' (" + e.getClass().getSimpleName() + "): the chain is"
                    + " refused", e);
        }
    }

    /** The names a CA's constraints apply to in this certificate. */
    static List<GeneralName> namesOf(X509Certificate certificate, boolean leaf) throws CertificateException {
        List<GeneralName> names = new ArrayList<>();
        boolean dnsName = false;
        byte[] san = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (san != null) {
            try {
                for (GeneralName name : GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets())
                        .getNames()) {
                    names.add(name);
                    dnsName |= name.getTagNo() == GeneralName.dNSName;
                }
            } catch (RuntimeException e) {
                throw new CertificateException("the subject alternative names of the certificate '"
                        + Printable.name(certificate.getSubjectX500Principal()) + "' cannot be read", e);
            }
        }
        X500Principal subject = certificate.getSubjectX500Principal();
        X500Name dn = X500Name.getInstance(subject.getEncoded());
        if (dn.getRDNs().length > 0) {
            names.add(new GeneralName(dn));
        }
        for (RDN rdn : dn.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                String text = value.getValue() instanceof ASN1String ? ((ASN1String) value.getValue()).getString()
                        : null;
                if (text == null) {
                    continue;
                }
                if (value.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
                    names.add(new GeneralName(GeneralName.rfc822Name, text));
                } else if (leaf && !dnsName && value.getType().equals(BCStyle.CN) && looksLikeHostName(text)) {
                    names.add(new GeneralName(GeneralName.dNSName, text));
                }
            }
        }
        return names;
    }

    /** As OpenSSL reads a CN for name constraints: DNS labels (a wildcard only whole and left-most), a dot inside. */
    static boolean looksLikeHostName(String cn) {
        String name = cn.endsWith(".") ? cn.substring(0, cn.length() - 1) : cn;
        if (name.indexOf('.') <= 0 || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && label.equals("*")) {
                continue;
            }
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            for (int j = 0; j < label.length(); j++) {
                char c = label.charAt(j);
                boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!letterOrDigit && !(c == '-' && j > 0 && j < label.length() - 1) && c != '_') {
                    return false;
                }
            }
        }
        return true;
    }

    /** The constraints in words, e.g. {@code permits only DNS:example.com}. */
    static String describe(NameConstraints constraints) {
        List<String> parts = new ArrayList<>();
        if (constraints.getPermittedSubtrees() != null && constraints.getPermittedSubtrees().length > 0) {
            parts.add("permits only " + list(constraints.getPermittedSubtrees()));
        }
        if (constraints.getExcludedSubtrees() != null && constraints.getExcludedSubtrees().length > 0) {
            parts.add("excludes " + list(constraints.getExcludedSubtrees()));
        }
        return parts.isEmpty() ? "constrains nothing" : String.join(" and ", parts);
    }

    private static String list(GeneralSubtree[] subtrees) {
        List<String> names = new ArrayList<>();
        for (GeneralSubtree subtree : Arrays.asList(subtrees).subList(0, Math.min(subtrees.length, MAX_LISTED))) {
            names.add(describe(subtree.getBase()));
        }
        if (subtrees.length > MAX_LISTED) {
            names.add("and " + (subtrees.length - MAX_LISTED) + " more");
        }
        return String.join(", ", names);
    }

    /** A name as OpenSSL prints it, e.g. {@code DNS:localhost}, {@code IP:10.0.0.0/255.0.0.0}; escaped. */
    static String describe(GeneralName name) {
        ASN1Encodable value = name.getName();
        String text;
        switch (name.getTagNo()) {
            case GeneralName.dNSName -> text = "DNS:" + value;
            case GeneralName.rfc822Name -> text = "email:" + value;
            case GeneralName.uniformResourceIdentifier -> text = "URI:" + value;
            case GeneralName.directoryName -> text = "DirName:" + Printable.name(new X500Principal(
                    encoded(X500Name.getInstance(value))));
            case GeneralName.iPAddress -> text = "IP:" + address(ASN1OctetString.getInstance(value).getOctets());
            case GeneralName.otherName -> text = "othername";
            default -> text = "name of kind " + name.getTagNo();
        }
        return Printable.text(text, Printable.MAX_NAME);
    }

    private static byte[] encoded(X500Name name) {
        try {
            return name.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An address, or in a constraint an address and its mask. */
    private static String address(byte[] octets) {
        try {
            if (octets.length == 4 || octets.length == 16) {
                return InetAddress.getByAddress(octets).getHostAddress();
            }
            if (octets.length == 8 || octets.length == 32) {
                int half = octets.length / 2;
                return InetAddress.getByAddress(Arrays.copyOf(octets, half)).getHostAddress() + "/"
                        + InetAddress.getByAddress(Arrays.copyOfRange(octets, half, octets.length)).getHostAddress();
            }
        } catch (UnknownHostException e) {
            // Not an address length: shown as bytes below.
        }
        return new DEROctetString(octets).toString().toLowerCase(Locale.ROOT);
    }
}

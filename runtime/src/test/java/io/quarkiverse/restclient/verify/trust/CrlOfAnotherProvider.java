package io.quarkiverse.restclient.verify.trust;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * A CRL as a security provider less strict than the JDK's may hand it over: a real CRL whose extension values are
 * replaced, e.g. by bytes that are no issuing distribution point. The JDK's own parser refuses such CRLs, so only this
 * shows what the client does when a provider lets one through.
 */
public final class CrlOfAnotherProvider extends X509CRL {

    private final X509CRL crl;
    private final Map<String, byte[]> extensionValues;

    public CrlOfAnotherProvider(X509CRL crl, Map<String, byte[]> extensionValues) {
        this.crl = crl;
        this.extensionValues = Map.copyOf(extensionValues);
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        byte[] replaced = extensionValues.get(oid);
        return replaced != null ? replaced.clone() : crl.getExtensionValue(oid);
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return crl.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return crl.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return crl.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getEncoded() throws CRLException {
        return crl.getEncoded();
    }

    @Override
    public void verify(PublicKey key) throws CRLException, NoSuchAlgorithmException, InvalidKeyException,
            NoSuchProviderException, SignatureException {
        crl.verify(key);
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws CRLException, NoSuchAlgorithmException,
            InvalidKeyException, NoSuchProviderException, SignatureException {
        crl.verify(key, sigProvider);
    }

    @Override
    public int getVersion() {
        return crl.getVersion();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return crl.getIssuerDN();
    }

    @Override
    public Date getThisUpdate() {
        return crl.getThisUpdate();
    }

    @Override
    public Date getNextUpdate() {
        return crl.getNextUpdate();
    }

    @Override
    public X509CRLEntry getRevokedCertificate(BigInteger serialNumber) {
        return crl.getRevokedCertificate(serialNumber);
    }

    @Override
    public Set<? extends X509CRLEntry> getRevokedCertificates() {
        return crl.getRevokedCertificates();
    }

    @Override
    public byte[] getTBSCertList() throws CRLException {
        return crl.getTBSCertList();
    }

    @Override
    public byte[] getSignature() {
        return crl.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return crl.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return crl.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return crl.getSigAlgParams();
    }

    @Override
    public String toString() {
        return crl.toString();
    }

    @Override
    public boolean isRevoked(Certificate certificate) {
        return crl.isRevoked(certificate);
    }
}

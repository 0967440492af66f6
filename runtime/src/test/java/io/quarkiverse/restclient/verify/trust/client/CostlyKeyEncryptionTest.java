package io.quarkiverse.restclient.verify.trust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificateTest.KeyType;

/**
 * An encrypted key file whose encryption asks for 2^31 PBKDF2 iterations: refused at once, saying why, instead of
 * keeping a thread busy for hours (the cost of decrypting is written in the file, so a hostile file sets it).
 */
class CostlyKeyEncryptionTest {

    @TempDir
    Path dir;

    @Test
    void aKeyAskingForBillionsOfIterationsIsRefusedAtOnce() throws Exception {
        KeyPair keys = ClientCertificateTest.generate(KeyType.EC_P256);
        Path certificate = Pem.write(dir.resolve("client.crt"), Pem.certificates(NamedCertificates.certificateFor(
                keys.getPublic(), "CN=costly", java.time.Instant.now(), java.time.Instant.now().plusSeconds(3600))));
        Path key = Pem.write(dir.resolve("client.key"), withIterations(ClientCertificateTest.encryptedPkcs8(keys),
                Integer.MAX_VALUE));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> ClientCertificate.load(
                certificate, Optional.of(key), Optional.of(ClientCertificateTest.PASSWORD)))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage(key + ": the encrypted private key asks for 2147483647 key-derivation iterations, more"
                        + " work than any real key file (at most 5000000 iterations, or scrypt within 64 MB) and enough"
                        + " to keep the application busy for hours. Fix: encrypt the key again, e.g. openssl pkcs8"
                        + " -topk8 -v2 aes-256-cbc -iter 100000 -in old.key -out new.key"));
    }

    @Test
    void anOrdinaryIterationCountStillLoads() throws Exception {
        KeyPair keys = ClientCertificateTest.generate(KeyType.EC_P256);
        Path certificate = Pem.write(dir.resolve("ok.crt"), Pem.certificates(NamedCertificates.certificateFor(
                keys.getPublic(), "CN=ordinary", java.time.Instant.now(), java.time.Instant.now().plusSeconds(3600))));
        Path key = Pem.write(dir.resolve("ok.key"), ClientCertificateTest.encryptedPkcs8(keys));

        assertThat(ClientCertificate.load(certificate, Optional.of(key), Optional.of(ClientCertificateTest.PASSWORD))
                .chain()).hasSize(1);
    }

    /** The same encrypted key with another PBKDF2 iteration count: the cost a decryption would have to pay. */
    private static String withIterations(String pem, int iterations) throws Exception {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        }
        EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(object.getContent());
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        PBKDF2Params costly = new PBKDF2Params(pbkdf2.getSalt(), iterations, pbkdf2.getPrf());
        PBES2Parameters changed = new PBES2Parameters(
                new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, costly),
                EncryptionScheme.getInstance(pbes2.getEncryptionScheme().toASN1Primitive()));
        EncryptedPrivateKeyInfo hostile = new EncryptedPrivateKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, changed), info.getEncryptedData());
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("ENCRYPTED PRIVATE KEY", hostile.getEncoded()));
        }
        return out.toString();
    }
}

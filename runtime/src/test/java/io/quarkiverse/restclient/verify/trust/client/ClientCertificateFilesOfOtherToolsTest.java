package io.quarkiverse.restclient.verify.trust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.crypto.KeyGenerator;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * Client certificate files as other tools write them: what curl uses loads, what cannot be used says why, naming the
 * file, and never with a bare {@code NullPointerException} or "null".
 */
class ClientCertificateFilesOfOtherToolsTest {

    private static final IssuedCertificate CLIENT = CertificateAuthority.root("Tools Client CA").client("tools-client");

    @TempDir
    Path dir;

    @Test
    void aPkcs12WithAnUnencryptedKeyAndNoMacLoads() throws Exception {
        // What openssl pkcs12 -export -keypbe NONE -certpbe NONE -nomac writes: plain key and certificate bags.
        byte[] id = { 1, 2, 3, 4 };
        PKCS12SafeBagBuilder certificateBag = new JcaPKCS12SafeBagBuilder(CLIENT.certificate());
        certificateBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(id));
        PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(CLIENT.privateKey());
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(id));
        PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
        pfx.addData(certificateBag.build());
        pfx.addData(keyBag.build());
        Path file = Files.write(dir.resolve("plain.p12"), pfx.build(null, null).getEncoded());

        ClientCertificate loaded = ClientCertificate.load(file, Optional.empty(), Optional.empty());

        assertThat(loaded.chain().get(0)).isEqualTo(CLIENT.certificate());
        // Loading checks that the key signs what the certificate verifies: the pair is the one written.
        assertThat(loaded.key().getAlgorithm()).isEqualTo(CLIENT.privateKey().getAlgorithm());
    }

    @Test
    void aPkcs12HoldingOnlyASecretKeyIsExplained() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(128);
        store.setEntry("shared", new KeyStore.SecretKeyEntry(aes.generateKey()),
                new KeyStore.PasswordProtection("pw".toCharArray()));
        Path file = dir.resolve("secret.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "pw".toCharArray());
        }

        assertThatThrownBy(() -> ClientCertificate.load(file, Optional.empty(), Optional.of("pw")))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage(file + " holds only a secret key (alias shared), not a private key with its certificate."
                        + " Fix: export the client certificate together with its private key, e.g. openssl pkcs12"
                        + " -export -in client.pem -inkey client.key -out client.p12");
    }

    @Test
    void aTruncatedPkcs12SaysItIsTruncated() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", CLIENT.privateKey(), "pw".toCharArray(),
                new X509Certificate[] { CLIENT.certificate() });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, "pw".toCharArray());
        byte[] whole = out.toByteArray();
        Path file = Files.write(dir.resolve("truncated.p12"), Arrays.copyOf(whole, whole.length / 3));

        assertThatThrownBy(() -> ClientCertificate.load(file, Optional.empty(), Optional.of("pw")))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(file + " is not a readable PKCS#12 file: it is truncated, damaged or not"
                        + " PKCS#12 at all (")
                .hasMessageEndingWith("). Fix: export it again, e.g. openssl pkcs12 -export -in client.pem -inkey"
                        + " client.key -out client.p12")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("null"));
    }

    @Test
    void aPemWithAByteOrderMarkAndIndentedLinesLoadsLikeTheCaReaderReadsIt() throws IOException {
        String pem = Pem.certificates(CLIENT.certificate()) + Pem.privateKey(CLIENT.privateKey());
        String indented = pem.lines().map(line -> "  " + line + " ").collect(Collectors.joining("\r\n", "", "\r\n"));
        byte[] bom = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf };
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(bom);
        content.write(indented.getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("client.pem"), content.toByteArray());

        ClientCertificate loaded = ClientCertificate.load(file, Optional.empty(), Optional.empty());

        assertThat(loaded.chain().get(0)).isEqualTo(CLIENT.certificate());
    }
}

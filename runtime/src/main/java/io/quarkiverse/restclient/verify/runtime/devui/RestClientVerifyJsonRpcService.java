package io.quarkiverse.restclient.verify.runtime.devui;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.FailureExplainer;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngine;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;

/**
 * The Dev UI's back end (dev mode only): every REST client's trust, the latest explained failures, and the "Inspect
 * server" handshake.
 */
public class RestClientVerifyJsonRpcService {

    private final VerifyRuntime running;
    private final ClientEngines engines;

    /**
     * @param running the running extension, injected
     * @param engines the clients' TLS engines, on which Inspect makes its handshakes
     */
    @Inject
    public RestClientVerifyJsonRpcService(VerifyRuntime running, ClientEngines engines) {
        this.running = running;
        this.engines = engines;
    }

    /** A service whose Inspect runs on the JDK's engine for every client, for callers without the engines' bean. */
    public RestClientVerifyJsonRpcService(VerifyRuntime running) {
        this(running, null);
    }

    /** One entry per REST client, by name. */
    public List<Map<String, Object>> getClients() {
        List<Map<String, Object>> result = new ArrayList<>();
        Instant now = Instant.now();
        for (ClientTrust client : running.clients().all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", client.clientName());
            entry.put("interface", client.interfaceName());
            entry.put("managed", client.managed());
            entry.put("origin", client.origin().description());
            entry.put("property", client.verifyKey());
            entry.put("hostnameVerification", client.verifyHost() && !client.insecure());
            // Inspect starts from the server the client is configured to call.
            client.url().ifPresent(url -> entry.put("url", url.toString()));
            if (client.managed()) {
                TrustMaterial material = client.material().get();
                entry.put("trust", Printable.text(material.description()));
                entry.put("caCount", material.anchors().size());
                entry.put("caDirectories", material.directories().size());
                material.configuredAnchors().stream().map(X509Certificate::getNotAfter)
                        .min(Comparator.naturalOrder())
                        .ifPresent(date -> entry.put("earliestExpiry", date.toInstant().toString()));
                entry.put("reload", reloadStatus(client.trust().get()));
                // Which revocation mode, CRL files and pins the client uses, as the start-up line says.
                entry.put("revocation", client.revocation().description());
                entry.put("revocationMode", client.revocation().mode().configValue());
                entry.put("pins", client.revocation().pins().values());
                client.revocation().crls().ifPresent(crls -> entry.put("crlReload", reloadStatus(crls)));
            } else {
                entry.put("trust", "its own TLS settings (" + client.ownTlsSetting().orElse("?") + ")");
            }
            client.certificateFiles().ifPresent(files -> {
                ClientCertificate certificate = files.current();
                X509Certificate leaf = certificate.chain().get(0);
                entry.put("clientCertificate", Printable.name(leaf.getSubjectX500Principal()));
                entry.put("clientCertificateExpiry", leaf.getNotAfter().toInstant().toString());
                entry.put("clientCertificateReload", reloadStatus(files));
            });
            entry.put("expiring", running.expiry().expiring(client, now));
            entry.put("fetchIntermediates", client.fetchIntermediates().isPresent());
            entry.put("repairedServers", running.repairs().repairedServers(client));
            result.add(entry);
        }
        return result;
    }

    /** The latest explained TLS failures of any client, newest first. */
    public List<Map<String, Object>> getFailures() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (FailureExplainer.RecentFailure recent : running.explainer().recentFailures()) {
            SslVerificationException failure = recent.failure();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", recent.at().toString());
            entry.put("client", failure.clientName());
            entry.put("reason", failure.reason().name());
            entry.put("host", failure.host());
            entry.put("port", failure.port());
            entry.put("hints", failure.hints());
            entry.put("message", failure.getMessage());
            result.add(entry);
        }
        return result;
    }

    /**
     * The latest explained TLS failures folded by client, server and reason: one entry with a count and the first and
     * last time, newest first. The message leaves out what the client trusts, which the clients table shows.
     */
    public List<Map<String, Object>> getFailureGroups() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (FailureGroups.Group group : FailureGroups.of(running.explainer().recentFailures())) {
            SslVerificationException failure = group.latest();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("client", failure.clientName());
            entry.put("reason", failure.reason().name());
            entry.put("host", failure.host());
            entry.put("port", failure.port());
            entry.put("count", group.count());
            entry.put("first", group.first().toString());
            entry.put("last", group.last().toString());
            entry.put("message", withoutTrustLine(failure.getMessage()));
            result.add(entry);
        }
        return result;
    }

    private static String withoutTrustLine(String message) {
        return message.replaceAll("(?m)^This client trusts: .*\n", "");
    }

    /**
     * Makes one TLS handshake with the server at this URL using the named client's trust, hostname check and client
     * certificate, and returns the presented chain (also as PEM) with the client's verdict. Trusts nothing itself.
     */
    public Map<String, Object> inspect(String client, String url) {
        ClientTrust trust = running.clients().all().stream().filter(c -> c.clientName().equals(client))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no REST client named '" + client + "'"));
        ServerInspection.Result inspected = ServerInspection.inspect(trust, URI.create(url.trim()), running.repairs(),
                engines == null ? ClientEngine.jdk(trust.clientName(), "quarkus.rest-client.ssl-engine")
                        : engines.of(trust));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("client", trust.clientName());
        result.put("url", url.trim());
        result.put("verdict", inspected.verdict());
        result.put("message", inspected.message());
        result.put("hints", inspected.hints());
        List<Map<String, Object>> chain = new ArrayList<>();
        for (int i = 0; i < inspected.chain().size(); i++) {
            PresentedCertificate certificate = inspected.chain().get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("subject", certificate.subject());
            entry.put("issuer", certificate.issuer());
            entry.put("notBefore", certificate.notBefore().toString());
            entry.put("notAfter", certificate.notAfter().toString());
            entry.put("names", certificate.names());
            entry.put("sha256", certificate.sha256());
            // Ready to copy into verify-pins.
            entry.put("pin", inspected.pins().get(i));
            chain.add(entry);
        }
        result.put("chain", chain);
        result.put("pem", inspected.pem());
        result.put("negotiated", inspected.negotiated());
        return result;
    }

    private static String reloadStatus(Reloadable<?> files) {
        String failure = files.failure();
        return failure == null ? "OK"
                : "FAILED: " + Printable.text(failure) + " (the content loaded before is still in use)";
    }
}

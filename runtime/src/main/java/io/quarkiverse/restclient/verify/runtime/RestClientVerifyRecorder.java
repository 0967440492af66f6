package io.quarkiverse.restclient.verify.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.SmallRyeConfig;

/** Resolves and loads the trust of every REST client at start-up, so bad input fails the start, not a request. */
@Recorder
public class RestClientVerifyRecorder {

    private static final Logger LOG = Logger.getLogger(RestClientVerifyRecorder.class);
    /** The setting that bounds the size of every trust file read, handed to {@link TrustFiles} for its messages. */
    public static final String MAX_FILE_SIZE = ClientKeys.PREFIX + "verify-max-file-size";

    private final RuntimeValue<RestClientVerifyConfig> config;

    /** @param config this extension's run-time configuration, defaults applied */
    public RestClientVerifyRecorder(RuntimeValue<RestClientVerifyConfig> config) {
        this.config = config;
    }

    /**
     * Resolves each client's trust, logs one line per client, and makes the trust available to client builders.
     *
     * @param clients the REST client interfaces found at build time, by fully qualified name, with their config key
     *        (empty when the annotation has none)
     * @param prebuilt the {@code classpath:} bundles read and checked at build time, as DER certificates by resource
     * @param devMode whether the application runs in dev mode: files are then checked before each request unless a
     *        reload period is set
     * @return the running extension, for the {@code VerifyRuntime} bean
     */
    public RuntimeValue<VerifyRuntime> configureClients(Map<String, String> clients, Map<String, List<byte[]>> prebuilt,
            boolean devMode, ShutdownContext shutdown) {
        try {
            return configure(clients, prebuilt, devMode, shutdown);
        } catch (ConfigurationException e) {
            throw firstLine(e);
        }
    }

    /**
     * The failure as Quarkus shows it best: it prints the message of a failed start's root cause alone, once, when
     * that cause is a {@code ConfigurationException}, and else a stack trace with the message far below. The cause
     * is logged at DEBUG.
     */
    static ConfigurationException firstLine(ConfigurationException e) {
        if (e.getCause() == null) {
            return e;
        }
        LOG.debugf(e, "Cause of the failed start");
        ConfigurationException alone = new ConfigurationException(e.getMessage(), e.getConfigKeys());
        alone.setStackTrace(e.getStackTrace());
        return alone;
    }

    private RuntimeValue<VerifyRuntime> configure(Map<String, String> clients, Map<String, List<byte[]>> prebuilt,
            boolean devMode, ShutdownContext shutdown) {
        RestClientVerifyConfig verify = config.getValue();
        Map<String, Reloadable<TrustMaterial>> loaded = new ConcurrentHashMap<>();
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        InsecurePolicy policy = verify.verifyInsecure();
        // Set before any file is read, for every reader (bundles, CA directories, client certificates, reloads).
        TrustFiles.maxSize(maxFileSize(verify.verifyMaxFileSize()), MAX_FILE_SIZE);
        SmallRyeConfig all = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        VerifyRuntime running = new VerifyRuntime(
                new ClientTrustResolver(verify, all, System::getenv, loaded, classLoader, prebuilt), policy,
                new ExpiryWatch(verify.verifyExpiryWarning()));
        VerifiedClients verified = running.clients();
        List<String> insecure = new ArrayList<>();
        List<String> names = new ArrayList<>();
        all.getPropertyNames().forEach(names::add);
        // A file's doubtful certificates are told once, not once per client that shares the file.
        Set<String> warned = new HashSet<>();
        for (Map.Entry<String, String> client : new TreeMap<>(clients).entrySet()) {
            Optional<String> configKey = Optional.of(client.getValue()).filter(key -> !key.isBlank());
            ClientTrust trust = verified.resolve(client.getKey(), configKey);
            boolean plainHttp = running.plainHttp().checkConfigured(trust);
            report(trust, policy, warned, plainHttp);
            for (MisspelledProperties.NearMiss miss : MisspelledProperties.of(names,
                    MisspelledProperties.writtenFirst(client.getKey(), configKey))) {
                LOG.warn(miss.warning(trust.clientName(), trust.origin()));
            }
            trust.insecurity(false)
                    .ifPresent(setting -> insecure.add("'" + trust.clientName() + "' (" + setting + ")"));
        }
        if (policy == InsecurePolicy.DENY && !insecure.isEmpty()) {
            throw new ConfigurationException(ClientKeys.global("verify-insecure") + "=deny, but these REST clients skip"
                    + " TLS verification: " + String.join(", ", insecure) + ". Fix: trust the servers' CAs with"
                    + " verify=/path/to/ca.pem and remove these settings, or allow them in this profile only (e.g."
                    + " %dev.quarkus.rest-client.verify-insecure=warn)");
        }
        running.expiry().warnOnce(verified.all(), Instant.now());
        shutdown.addShutdownTask(running.tls()::close);

        Optional<Duration> period = verify.verifyReloadPeriod().filter(d -> !d.isZero() && !d.isNegative());
        if (period.isPresent()) {
            shutdown.addShutdownTask(running.reloader().start(period.get()));
            LOG.infof("REST client trust and client certificate files are checked for new content every %s",
                    period.get().toString().substring(2).toLowerCase(Locale.ROOT));
        } else if (devMode) {
            running.reloader().reloadBeforeEachRequest();
        }
        return new RuntimeValue<>(running);
    }

    /** The value of {@value #MAX_FILE_SIZE}, as bytes. */
    static long maxFileSize(MemorySize size) {
        long bytes = size.asLongValue();
        if (bytes <= 0) {
            throw new ConfigurationException(MAX_FILE_SIZE + " must be a positive size such as 16M, got "
                    + bytes + " bytes");
        }
        return bytes;
    }

    /**
     * Warns about this extension's properties written for a client name no REST client answers to.
     *
     * @param clients the {@code @RegisterRestClient} interfaces, by fully qualified name, with their config key
     * @param otherInterfaces the other interfaces with JAX-RS annotations, which code may build clients of
     */
    public void warnUnknownClientNames(Map<String, String> clients, List<String> otherInterfaces) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        UnknownClientProperties.warnings(config.getPropertyNames(), clients, otherInterfaces).forEach(LOG::warn);
    }

    /** @param plainHttp whether the client's URL is plain HTTP: its trust applies to no call then, and is not told */
    private static void report(ClientTrust trust, InsecurePolicy policy, Set<String> warned, boolean plainHttp) {
        if (!plainHttp) {
            // Names and labels from files are escaped here, where they become log lines.
            LOG.info(Printable.text(trust.summary()));
        }
        trust.material().ifPresent(material -> {
            for (String note : material.notes()) {
                LOG.infof("REST client '%s' [%s]: %s", trust.clientName(), trust.origin().description(), Printable.text(note));
            }
            for (String warning : material.warnings()) {
                if (!warned.add(warning)) {
                    continue;
                }
                LOG.warnf("REST client '%s' [%s]: %s", trust.clientName(), trust.origin().description(),
                        Printable.text(warning));
            }
            trust.certificate().ifPresent(certificate -> certificate.warnings().forEach(warning -> LOG.warnf(
                    "REST client '%s' [%s]: %s", trust.clientName(), trust.keys().cert(),
                    Printable.text(warning))));
            if (policy != InsecurePolicy.WARN) {
                return;
            }
            if (!material.insecure() && trust.hostCheckOffBy().isPresent()) {
                LOG.warnf("REST client '%s' does not check that a server's certificate was issued for the host it"
                        + " calls (%s): any certificate from a CA it trusts is accepted for any host. Fix: call"
                        + " the server by a name its certificate lists", trust.clientName(),
                        trust.hostCheckOffBy().get());
            }
            if (material.insecure()) {
                LOG.warnf("REST client '%s' does NOT verify TLS certificates or hostnames (%s=false). Anyone on the"
                        + " network path can impersonate the server, read and change every request and response,"
                        + " including credentials. Fix: trust the server's CA instead, e.g. %s=/path/to/ca.pem",
                        trust.clientName(), trust.origin().description(), trust.verifyKey());
            }
        });
    }
}

package io.quarkiverse.restclient.verify.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The trust of every REST client of the running application, resolved at start-up for the interfaces known at build
 * time and on first use for any other interface a builder is given.
 */
public final class VerifiedClients {

    private final ClientTrustResolver resolver;
    private final Map<String, ClientTrust> clients = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final List<Consumer<ClientTrust>> resolvedObservers = new CopyOnWriteArrayList<>();

    VerifiedClients(ClientTrustResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Why a client's trust could not be loaded at all (a client first built after start-up), by its config key, else
     * its interface name.
     */
    public Map<String, String> failures() {
        return failures;
    }

    /** The trust of a client resolved so far, by interface name. */
    public Optional<ClientTrust> find(String interfaceName) {
        return Optional.ofNullable(clients.get(interfaceName));
    }

    /** Every client of this application resolved so far, ordered by client name. */
    public Collection<ClientTrust> all() {
        Map<String, ClientTrust> byName = new TreeMap<>();
        clients.values().forEach(client -> byName.put(client.clientName(), client));
        return byName.values();
    }

    /** The clients as they are resolved, a live view for the reloader. */
    Collection<ClientTrust> live() {
        return clients.values();
    }

    ClientTrust resolve(String interfaceName, Optional<String> configKey) {
        ClientTrust known = clients.get(interfaceName);
        if (known != null) {
            return known;
        }
        ClientTrust trust;
        try {
            trust = clients.computeIfAbsent(interfaceName, name -> resolver.resolve(name, configKey));
            failures.remove(configKey.orElse(interfaceName));
        } catch (RuntimeException e) {
            failures.put(configKey.orElse(interfaceName), e.getMessage());
            throw e;
        }
        // Told once per client, also for one first built after start-up; telling twice is harmless.
        resolvedObservers.forEach(observer -> observer.accept(trust));
        return trust;
    }

    /**
     * Called with each client resolved from now on, such as by the metrics for a client first built in code after
     * start-up.
     */
    public void onResolved(Consumer<ClientTrust> observer) {
        resolvedObservers.add(observer);
    }

    /** The trust of the client of this interface, resolved on first use with the config key of its annotation. */
    public ClientTrust resolve(Class<?> serviceInterface) {
        return resolve(serviceInterface.getName(), configKeyOf(serviceInterface));
    }

    static Optional<String> configKeyOf(Class<?> serviceInterface) {
        RegisterRestClient annotation = serviceInterface.getAnnotation(RegisterRestClient.class);
        if (annotation == null || annotation.configKey().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(annotation.configKey());
    }
}

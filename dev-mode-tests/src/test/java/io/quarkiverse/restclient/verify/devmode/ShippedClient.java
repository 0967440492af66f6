package io.quarkiverse.restclient.verify.devmode;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Trusts a bundle shipped in the application: {@code verify=classpath:certs/ca.pem}. */
@RegisterRestClient(configKey = "shipped")
public interface ShippedClient extends Hello {
}

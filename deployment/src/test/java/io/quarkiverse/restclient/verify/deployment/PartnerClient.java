package io.quarkiverse.restclient.verify.deployment;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The client of the missing-intermediate tests: a partner whose server sends only its own certificate. */
@RegisterRestClient(configKey = "partner")
public interface PartnerClient extends Hello {
}

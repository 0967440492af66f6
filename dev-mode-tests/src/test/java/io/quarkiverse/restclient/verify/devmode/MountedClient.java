package io.quarkiverse.restclient.verify.devmode;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Trusts a bundle outside the application: {@code verify=/some/dir/ca.pem}. */
@RegisterRestClient(configKey = "mounted")
public interface MountedClient extends Hello {
}

package io.quarkiverse.restclient.verify.deployment;

import io.quarkiverse.restclient.verify.runtime.devui.RestClientVerifyJsonRpcService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/** The Dev UI card "REST Client Verify": the clients' trust and failures, and an "Inspect server" page. */
class RestClientVerifyDevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("REST clients")
                .componentLink("qwc-rest-client-verify-clients.js")
                .icon("font-awesome-solid:shield-halved"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Inspect server")
                .componentLink("qwc-rest-client-verify-inspect.js")
                .icon("font-awesome-solid:magnifying-glass"));
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(RestClientVerifyJsonRpcService.class);
    }
}

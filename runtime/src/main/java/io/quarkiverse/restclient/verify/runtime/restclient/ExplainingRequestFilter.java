package io.quarkiverse.restclient.verify.runtime.restclient;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ClientRestHandler;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.runtime.ClientTlsConfigurations;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.FailureExplainer;
import io.quarkiverse.restclient.verify.runtime.PlainHttpCalls;
import io.quarkiverse.restclient.verify.runtime.TrustReloader;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpClient;

/**
 * Explains the TLS failures of one client's calls, whether the client is injected or built in code: the REST client
 * runs a request's abort handlers when the connection fails, and the first of them now completes the call with the
 * explanation. The REST client's own error handler then finds the call already completed.
 * <p>
 * Where the REST client hands the caller the cause of a {@link ProcessingException} (blocking methods, {@code Uni}),
 * the explanation travels as such a cause; elsewhere it is the failure itself. Either way the caller gets the
 * {@link SslVerificationException}.
 */
final class ExplainingRequestFilter implements ClientRequestFilter {

    private final ClientTrust trust;
    private final TrustReloader reloader;
    private final ClientTlsConfigurations tls;
    private final ClientRestHandler explain;
    private final PlainHttpCalls plainHttp;
    private volatile HttpClient watched;

    /**
     * @param trust the trust of the client the filter is made for
     * @param running the running extension: its reloader, TLS configurations and failure explainer
     * @param engines the clients' TLS engines, which explanations name; null when they were not set up
     */
    ExplainingRequestFilter(ClientTrust trust, VerifyRuntime running, ClientEngines engines) {
        this.trust = trust;
        this.reloader = running.reloader();
        this.tls = running.tls();
        this.explain = new ExplainFailure(trust, running.explainer(), engines);
        this.plainHttp = running.plainHttp();
    }

    @Override
    public void filter(ClientRequestContext requestContext) {
        if (reloader.reloadsBeforeEachRequest()) {
            reloader.beforeRequest(trust);
        }
        // A URL given in code is first seen here: its plain http:// is told (or refused) before anything is sent.
        plainHttp.checkCall(trust, requestContext.getUri());
        if (!(requestContext instanceof ClientRequestContextImpl)) {
            return;
        }
        RestClientRequestContext context = ((ClientRequestContextImpl) requestContext).getRestClientRequestContext();
        HttpClient httpClient = context.getHttpClient();
        // A client keeps its HTTP client: it is watched once, not at every request.
        if (context.getRestClient() != null && httpClient != watched) {
            tls.watchConnections(context.getRestClient().getTlsConfigName(), httpClient);
            watched = httpClient;
        }
        ClientRestHandler[] abort = context.getAbortHandlerChain();
        if (abort != null && abort.length > 0 && abort[0] == explain) {
            return;
        }
        ClientRestHandler[] chain = new ClientRestHandler[abort == null ? 1 : abort.length + 1];
        chain[0] = explain;
        if (abort != null) {
            System.arraycopy(abort, 0, chain, 1, abort.length);
        }
        context.setAbortHandlerChain(chain);
    }

    /** The abort handler: completes a call that failed in TLS with its explanation; leaves anything else alone. */
    private static final class ExplainFailure implements ClientRestHandler {

        private final ClientTrust trust;
        private final FailureExplainer explainer;
        private final ClientEngines engines;

        ExplainFailure(ClientTrust trust, FailureExplainer explainer, ClientEngines engines) {
            this.trust = trust;
            this.explainer = explainer;
            this.engines = engines;
        }

        @Override
        public void handle(RestClientRequestContext context) {
            Throwable failure = context.getThrowable();
            if (failure == null) {
                return;
            }
            Throwable explained = explainer.explain(trust, failure, context.getUri(), engine());
            if (explained instanceof SslVerificationException) {
                context.getResult().completeExceptionally(unwrappedByCaller(context.getInvokedMethod())
                        ? new ProcessingException(explained.getMessage(), explained)
                        : explained);
            }
        }

        /** The engine the client's calls run on, as the explanation names it; the JDK's when it is not known. */
        private DiagnosisContext.Engine engine() {
            if (engines == null) {
                return DiagnosisContext.Engine.JDK;
            }
            try {
                return engines.of(trust).forDiagnosis();
            } catch (RuntimeException e) {
                // A client whose engine cannot run was refused when it was built; explaining must not fail here.
                return DiagnosisContext.Engine.JDK;
            }
        }

        /**
         * Whether the REST client hands the caller the cause of a failed call's {@code ProcessingException}: the
         * generated code of blocking methods and the {@code Uni} invoker do, {@code Multi} and
         * {@code CompletionStage} methods pass the failure on as it is.
         */
        private static boolean unwrappedByCaller(Method method) {
            if (method == null) {
                return true;
            }
            Class<?> type = method.getReturnType();
            return !Multi.class.isAssignableFrom(type) && !CompletionStage.class.isAssignableFrom(type);
        }
    }
}

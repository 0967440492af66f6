package io.quarkiverse.restclient.verify.runtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Replaces a TLS failure of an injected REST client call by a {@code SslVerificationException} that explains it,
 * for blocking, {@code Uni}, {@code Multi} and {@code CompletionStage} methods alike. Other failures pass unchanged.
 */
@VerifiedRestClient
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class SslVerificationInterceptor {

    private static final Map<Class<?>, Class<?>> INTERFACES = new ConcurrentHashMap<>();

    @AroundInvoke
    Object explainTlsFailures(InvocationContext context) throws Exception {
        Class<?> client = clientInterface(context.getTarget().getClass());
        Object result;
        try {
            result = context.proceed();
        } catch (Exception e) {
            Throwable explained = VerifiedClients.explain(client, e);
            throw explained instanceof Exception ? (Exception) explained : e;
        }
        if (result instanceof Uni) {
            return ((Uni<?>) result).onFailure().transform(t -> VerifiedClients.explain(client, t));
        }
        if (result instanceof Multi) {
            return ((Multi<?>) result).onFailure().transform(t -> VerifiedClients.explain(client, t));
        }
        if (result instanceof CompletionStage) {
            CompletableFuture<Object> explained = new CompletableFuture<>();
            ((CompletionStage<?>) result).whenComplete((value, failure) -> {
                if (failure == null) {
                    explained.complete(value);
                } else {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    explained.completeExceptionally(VerifiedClients.explain(client, cause));
                }
            });
            return explained;
        }
        return result;
    }

    /** The {@code @RegisterRestClient} interface the generated bean implements. */
    private static Class<?> clientInterface(Class<?> beanClass) {
        return INTERFACES.computeIfAbsent(beanClass, type -> {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> candidate : c.getInterfaces()) {
                    if (candidate.isAnnotationPresent(RegisterRestClient.class)) {
                        return candidate;
                    }
                }
            }
            return type;
        });
    }
}

package io.quarkiverse.restclient.verify.deployment;

import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.runtime.RuntimeValue;

/**
 * The running extension, set up at run-time init once every client's trust is resolved: a build step that needs it
 * consumes this item and so runs after the set-up.
 */
public final class VerifyRuntimeBuildItem extends SimpleBuildItem {

    private final RuntimeValue<VerifyRuntime> runtime;

    VerifyRuntimeBuildItem(RuntimeValue<VerifyRuntime> runtime) {
        this.runtime = runtime;
    }

    /** The running extension, a value of the recorded start-up. */
    public RuntimeValue<VerifyRuntime> runtime() {
        return runtime;
    }
}

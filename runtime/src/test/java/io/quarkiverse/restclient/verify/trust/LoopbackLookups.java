package io.quarkiverse.restclient.verify.trust;

import java.util.List;

import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;

/** The test servers listen on 127.0.0.1, which look-ups refuse unless it is allowed. */
public final class LoopbackLookups {

    /** Public addresses and 127.0.0.1. */
    public static final LookupAddresses ALLOWED = LookupAddresses.allowing(List.of("127.0.0.1"));

    private LoopbackLookups() {
    }
}

package io.quarkiverse.restclient.verify.trust;

import java.util.List;

/** The test servers listen on 127.0.0.1, which look-ups refuse unless it is allowed. */
final class LoopbackLookups {

    /** Public addresses and 127.0.0.1. */
    static final LookupAddresses ALLOWED = LookupAddresses.allowing(List.of("127.0.0.1"));

    private LoopbackLookups() {
    }
}

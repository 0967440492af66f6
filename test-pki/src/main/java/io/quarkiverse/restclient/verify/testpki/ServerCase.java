package io.quarkiverse.restclient.verify.testpki;

/** The kinds of server a REST client meets in the tests, each a real TLS server on 127.0.0.1. */
public enum ServerCase {
    /** Leaf for 127.0.0.1 and localhost plus its intermediate, from the trusted root. */
    GOOD_CHAIN,
    /** A trusted chain whose leaf expired yesterday. */
    EXPIRED_LEAF,
    /** A trusted chain whose leaf names only wrong.example. */
    WRONG_HOST,
    /** A single self-signed certificate for 127.0.0.1 and localhost. */
    SELF_SIGNED,
    /** Leaf and intermediate from a root that is not trusted. */
    UNKNOWN_ROOT,
    /** Only the leaf: the intermediate that links it to the trusted root is not sent. */
    MISSING_INTERMEDIATE
}

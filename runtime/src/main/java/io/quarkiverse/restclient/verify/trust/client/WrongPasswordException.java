package io.quarkiverse.restclient.verify.trust.client;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * The client certificate's file is fine but the password given for it (or for its key) does not open it, or none was
 * given for a file that needs one: the caller names the password's property, not the file's.
 */
public final class WrongPasswordException extends TrustMaterialException {

    private static final long serialVersionUID = 1L;

    private final boolean passwordGiven;

    WrongPasswordException(String message, boolean passwordGiven, Throwable cause) {
        super(message, cause);
        this.passwordGiven = passwordGiven;
    }

    /** Whether a password was given (and is wrong), as opposed to none for a protected file. */
    public boolean passwordGiven() {
        return passwordGiven;
    }
}

/**
 * The TLS engine of each managed REST client: the JDK's (the default) or BoringSSL through netty-tcnative, with the
 * client's key-exchange groups and, in dev and test mode only, its key log. Whatever the engine, the client's own trust
 * manager ({@code ClientTlsStack}) decides every full handshake: this package only builds the engine around it.
 * <p>
 * Only the classes named {@code BoringSsl*} touch netty-tcnative, an optional dependency: they are loaded only once
 * a client asks for that engine and its presence was checked.
 */
package io.quarkiverse.restclient.verify.runtime.engine;

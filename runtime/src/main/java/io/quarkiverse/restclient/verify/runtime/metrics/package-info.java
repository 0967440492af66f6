/** Micrometer meters for explained failures, reloads and certificate expiry, when the application has Micrometer. */
package io.quarkiverse.restclient.verify.runtime.metrics;

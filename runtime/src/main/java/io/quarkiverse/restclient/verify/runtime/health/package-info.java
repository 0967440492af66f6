/** The readiness check: every client's trust material loads and no CA it holds has expired. */
package io.quarkiverse.restclient.verify.runtime.health;

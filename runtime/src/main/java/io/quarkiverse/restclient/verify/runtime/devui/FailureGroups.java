package io.quarkiverse.restclient.verify.runtime.devui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.runtime.FailureExplainer;

/**
 * The latest failures folded by client, server and reason, so that a retry loop shows as one line with a count
 * instead of twenty identical ones. Ordered by the latest occurrence, newest first.
 */
final class FailureGroups {

    private FailureGroups() {
    }

    /**
     * @param recent the latest failures, newest first
     */
    static List<Group> of(List<FailureExplainer.RecentFailure> recent) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (FailureExplainer.RecentFailure failure : recent) {
            SslVerificationException e = failure.failure();
            String key = e.clientName() + '\u0000' + e.host() + '\u0000' + e.port() + '\u0000' + e.reason();
            Group group = groups.get(key);
            // Newest first: the first one seen is the latest, each later one moves "first" back in time.
            groups.put(key, group == null ? new Group(e, 1, failure.at(), failure.at())
                    : new Group(group.latest, group.count + 1, failure.at(), group.last));
        }
        return new ArrayList<>(groups.values());
    }

    /**
     * Failures of one client calling one server that failed for one reason.
     *
     * @param latest the newest of them, whose message is shown
     * @param count how many of the latest failures it stands for
     * @param first when the oldest of them happened
     * @param last when the newest of them happened
     */
    record Group(SslVerificationException latest, int count, Instant first, Instant last) {
    }
}

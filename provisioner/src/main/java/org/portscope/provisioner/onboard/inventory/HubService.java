package org.portscope.provisioner.onboard.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * The hub's own service, on the hub's overlay address: the collector nodes deliver to and the
 * JSON API.
 *
 * @param collectorPort the collector's TCP port
 * @param apiPort the JSON API's TCP port (/api, /metrics, /healthz)
 * @param retention observations older than this are deleted
 * @param enrollmentPort the TCP port of the HTTPS enrollment API on the hub's public address
 *     (its endpoint's host), or 0: no zero-touch enrollment
 * @param anonymizationKeyId the institution's Crypto-PAn key id, which the enrollment API tells
 *     enrolled nodes to anonymize under (the hub never holds the key itself), or null: enrolled
 *     nodes forward addresses as they are
 */
public record HubService(int collectorPort, int apiPort, Duration retention, int enrollmentPort, String anonymizationKeyId) {

    public static final int DEFAULT_COLLECTOR_PORT = 7070;
    public static final int DEFAULT_API_PORT = 8080;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    public static final HubService DEFAULTS = new HubService(DEFAULT_COLLECTOR_PORT, DEFAULT_API_PORT, DEFAULT_RETENTION);

    /** A hub service without enrollment. */
    public HubService(int collectorPort, int apiPort, Duration retention) {
        this(collectorPort, apiPort, retention, 0);
    }

    /** A hub service whose enrolled nodes (if any) are not told to anonymize. */
    public HubService(int collectorPort, int apiPort, Duration retention, int enrollmentPort) {
        this(collectorPort, apiPort, retention, enrollmentPort, null);
    }

    public HubService {
        Objects.requireNonNull(retention, "retention");
        if (collectorPort == apiPort) {
            throw new IllegalArgumentException("the collector and the API cannot share port " + apiPort);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        if (anonymizationKeyId != null) {
            Anonymization.checkKeyId("anonymization key id", anonymizationKeyId);
        }
    }

    /** The retention as the hub's config writes durations: {@code 90d}, {@code 12h}, {@code 30m} or seconds. */
    public String retentionText() {
        long s = retention.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}

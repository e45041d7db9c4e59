package com.quotaledger.person.api;

import com.quotaledger.recipient.api.Fingerprint;
import com.quotaledger.recipient.api.RequestIds;

import java.util.Objects;

/** A request to hand full Post and User objects to one person. */
public record ObjectExportRequest(String requestId,
                                  String personId,
                                  long postObjectCount,
                                  long userObjectCount,
                                  ExportChannel channel,
                                  ExportFormat format) {

    /** The most objects one request may name; the policy allows far fewer a day. */
    public static final long MAX_OBJECTS_PER_REQUEST = 1_000_000L;

    public ObjectExportRequest {
        RequestIds.requireValid(requestId);
        PersonIds.requireValid(personId);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(format, "format");
        if (postObjectCount < 0 || userObjectCount < 0
                || postObjectCount > MAX_OBJECTS_PER_REQUEST || userObjectCount > MAX_OBJECTS_PER_REQUEST) {
            throw new IllegalArgumentException("object counts must be between 0 and " + MAX_OBJECTS_PER_REQUEST);
        }
        if (postObjectCount == 0 && userObjectCount == 0) {
            throw new IllegalArgumentException("an export names at least one object");
        }
    }

    public long objectCount() {
        return postObjectCount + userObjectCount;
    }

    /** Equal for two requests exactly when everything but the requestId is equal. */
    public String contentFingerprint() {
        return Fingerprint.of("object-export", personId, postObjectCount, userObjectCount, channel, format);
    }
}

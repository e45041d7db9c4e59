package com.quotaledger.person.api;

import com.quotaledger.decision.Fingerprint;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.PersonIds;

import java.util.Objects;

/**
 * A request to hand full Post and User objects to one person. {@code publicObjectsOnly} is the exporter's statement
 * that every object is public; null on requests recorded before it was asked for.
 */
public record ObjectExportRequest(String requestId,
                                  String personId,
                                  long postObjectCount,
                                  long userObjectCount,
                                  ExportChannel channel,
                                  ExportFormat format,
                                  Boolean publicObjectsOnly) {

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

    /**
     * Equal for two requests exactly when everything but the requestId is equal. A request stating its objects are
     * public has the fingerprint requests had before the statement was asked for, so that one sent again with it
     * still answers its original decision.
     */
    public String contentFingerprint() {
        return Boolean.TRUE.equals(publicObjectsOnly)
                ? Fingerprint.of("object-export", personId, postObjectCount, userObjectCount, channel, format)
                : Fingerprint.of("object-export", personId, postObjectCount, userObjectCount, channel, format,
                "publicObjectsOnly=" + publicObjectsOnly);
    }
}

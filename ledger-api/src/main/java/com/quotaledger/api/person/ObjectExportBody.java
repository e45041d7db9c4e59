package com.quotaledger.api.person;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ObjectExportRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * An export of full Post and User objects to a person: how many of each, by which channel, in which format, and the
 * exporter's statement that every object is public (required; only true can be granted).
 */
public record ObjectExportBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                               @NotNull @Pattern(regexp = PersonIds.PATTERN) String personId,
                               @NotNull @PositiveOrZero @Max(ObjectExportRequest.MAX_OBJECTS_PER_REQUEST) Long postObjectCount,
                               @NotNull @PositiveOrZero @Max(ObjectExportRequest.MAX_OBJECTS_PER_REQUEST) Long userObjectCount,
                               @NotNull ExportChannel channel,
                               @NotNull ExportFormat format,
                               @NotNull Boolean publicObjectsOnly) {

    public ObjectExportRequest toRequest() {
        if (postObjectCount == 0 && userObjectCount == 0) {
            throw ApiProblem.invalidField("postObjectCount",
                    "An export names at least one object: postObjectCount or userObjectCount must be above zero.");
        }
        return new ObjectExportRequest(requestId, personId, postObjectCount, userObjectCount, channel, format,
                publicObjectsOnly);
    }
}

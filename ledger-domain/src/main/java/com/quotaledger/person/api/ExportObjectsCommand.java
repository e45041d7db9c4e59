package com.quotaledger.person.api;

import java.util.Objects;

/** Asks for a decision on an object export; {@code exportId} names the export if it is granted. */
public record ExportObjectsCommand(ObjectExportRequest request, String exportId) {

    public ExportObjectsCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(exportId, "exportId");
    }
}

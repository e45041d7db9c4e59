package com.quotaledger.person.api;

import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnObjectExportRequestAcceptsOnlyWellFormedInput {

    private static final long MOST = ObjectExportRequest.MAX_OBJECTS_PER_REQUEST;
    private static final ObjectExportRequest ORIGINAL =
            request("export-1", "ada", 10, 20, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV);

    @Test
    void anExportNamesAtLeastOneObject() {
        assertThatThrownBy(() -> request("export-1", "ada", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> request("export-1", "ada", 0, 1)).doesNotThrowAnyException();
        assertThatCode(() -> request("export-1", "ada", 1, 0)).doesNotThrowAnyException();
    }

    @Test
    void eachKindMayNameAMillionObjectsButNotMoreAndNeverANegativeCount() {
        assertThatCode(() -> request("export-1", "ada", MOST, MOST)).doesNotThrowAnyException();
        assertThatThrownBy(() -> request("export-1", "ada", MOST + 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("export-1", "ada", 0, MOST + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("export-1", "ada", -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("export-1", "ada", 5, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postAndUserObjectsCountTogether() {
        assertThat(request("export-1", "ada", MOST, MOST).objectCount()).isEqualTo(2 * MOST);
    }

    @Test
    void theRequestIdPersonChannelAndFormatAreRequiredAndWellFormed() {
        assertThatThrownBy(() -> request("with space", "ada", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("export-1", "person:ada", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("export-1", null, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request("export-1", "ada", 1, 0, null, ExportFormat.PDF))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> request("export-1", "ada", 1, 0, ExportChannel.MANUAL_DOWNLOAD, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theFingerprintIgnoresOnlyTheRequestId() {
        assertThat(request("export-2", "ada", 10, 20, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV)
                .contentFingerprint()).isEqualTo(ORIGINAL.contentFingerprint());
        List<ObjectExportRequest> others = List.of(
                request("export-1", "grace", 10, 20, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV),
                request("export-1", "ada", 11, 20, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV),
                request("export-1", "ada", 10, 21, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV),
                request("export-1", "ada", 20, 10, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV),
                request("export-1", "ada", 10, 20, ExportChannel.API, ExportFormat.CSV),
                request("export-1", "ada", 10, 20, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.PDF));

        assertThat(others).extracting(ObjectExportRequest::contentFingerprint)
                .doesNotContain(ORIGINAL.contentFingerprint())
                .doesNotHaveDuplicates();
    }

    @Test
    void aPersonsAggregateIdCannotBeARecipientId() {
        assertThat(PersonIds.aggregateId("ada")).isEqualTo("person:ada");
        assertThat(RecipientIds.isValid(PersonIds.aggregateId("ada"))).isFalse();
    }

    private static ObjectExportRequest request(String requestId, String personId, long posts, long users) {
        return request(requestId, personId, posts, users, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.CSV);
    }

    private static ObjectExportRequest request(String requestId, String personId, long posts, long users,
                                               ExportChannel channel, ExportFormat format) {
        return new ObjectExportRequest(requestId, personId, posts, users, channel, format, true);
    }
}

package com.quotaledger.decision;

import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Denials gained a field, {@code outdatedTerms}, after stores held denials without it. It is left out of a denial's
 * canonical form when empty, so every decision recorded before keeps its hash and its chain verifies as before. The
 * hashes below were computed by the build before the field existed.
 */
class DenialsRecordedBeforeOutdatedTermsKeepTheirHashes {

    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    private static ShareDeniedEvent shareDenial() {
        return new ShareDeniedEvent(new ShareRequest("r-1", "acme", new IdCounts(10, 0, 0), "p"),
                DenialReason.TERMS_NOT_ACCEPTED, AT, null,
                new Quota(1_500_000, Quota.DEFAULT_LIMIT_SOURCE, 0, 1_500_000, Duration.ofDays(30),
                        AT.minus(Duration.ofDays(30)), AT, null, 0), null);
    }

    private static ObjectExportDeniedEvent exportDenial() {
        return new ObjectExportDeniedEvent(new ObjectExportRequest("e-1", "ada", 3, 2, ExportChannel.MANUAL_DOWNLOAD,
                ExportFormat.CSV, true), "acme", DenialReason.TERMS_NOT_ACCEPTED, AT, null,
                new DailyObjects(500, 0, 500, LocalDate.parse("2026-06-01"), Instant.parse("2026-06-02T00:00:00Z")));
    }

    @Test
    void aShareDenialHashesAsBefore() {
        assertThat(DecisionChain.hash(DecisionChain.GENESIS, shareDenial()))
                .isEqualTo("06c03d7a981945a5852da3fc5071a22be2755fc6758029f4b8b8efcba22b4462");
    }

    @Test
    void anExportDenialHashesAsBefore() {
        assertThat(DecisionChain.hash(DecisionChain.GENESIS, exportDenial()))
                .isEqualTo("e7502bae7a075c8e4279dab9e814ce85b44472855f8d7f0ff7506660c1643f9b");
    }
}

package com.quotaledger.recipient.api;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.decision.Fingerprint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TheContentFingerprintIgnoresOnlyTheRequestId {

    private static final ShareRequest ORIGINAL =
            new ShareRequest("request-1", "acme-research", new IdCounts(10, 20, 30), "model evaluation");

    @Test
    void requestsThatDifferOnlyInTheirRequestIdHaveOneFingerprint() {
        ShareRequest retried =
                new ShareRequest("request-2", "acme-research", new IdCounts(10, 20, 30), "model evaluation");

        assertThat(retried.contentFingerprint()).isEqualTo(ORIGINAL.contentFingerprint());
    }

    @Test
    void anyOtherDifferenceChangesTheFingerprint() {
        List<ShareRequest> others = List.of(
                new ShareRequest("request-1", "acme-research2", new IdCounts(10, 20, 30), "model evaluation"),
                new ShareRequest("request-1", "acme-research", new IdCounts(11, 20, 30), "model evaluation"),
                new ShareRequest("request-1", "acme-research", new IdCounts(10, 21, 30), "model evaluation"),
                new ShareRequest("request-1", "acme-research", new IdCounts(10, 20, 31), "model evaluation"),
                new ShareRequest("request-1", "acme-research", new IdCounts(20, 10, 30), "model evaluation"),
                new ShareRequest("request-1", "acme-research", new IdCounts(10, 20, 30), "model evaluation."),
                new ShareRequest("request-1", "acme-research", new IdCounts(10, 20, 30), ""),
                new ShareRequest("request-1", "acme-research", new IdCounts(10, 20, 30), null),
                new ShareRequest("request-1", "acme-research", new IdCounts(10, 20, 30), "null"));

        assertThat(others).extracting(ShareRequest::contentFingerprint)
                .doesNotContain(ORIGINAL.contentFingerprint())
                .doesNotHaveDuplicates();
    }

    @Test
    void aPersonOrABasisChangesTheFingerprint() {
        IdCounts ids = new IdCounts(10, 20, 30);
        List<ShareRequest> others = List.of(
                new ShareRequest("request-1", "acme-research", "ada", ids, ShareBasis.STANDARD, "model evaluation"),
                new ShareRequest("request-1", "acme-research", "grace", ids, ShareBasis.STANDARD, "model evaluation"),
                new ShareRequest("request-1", "acme-research", null, ids, ShareBasis.academicApproval("x-1"),
                        "model evaluation"),
                new ShareRequest("request-1", "acme-research", null, ids, ShareBasis.academicApproval("x-2"),
                        "model evaluation"),
                new ShareRequest("request-1", "acme-research", null, ids, ShareBasis.dsaAccess("x-1"),
                        "model evaluation"));

        assertThat(others).extracting(ShareRequest::contentFingerprint)
                .doesNotContain(ORIGINAL.contentFingerprint())
                .doesNotHaveDuplicates();
    }

    @Test
    void theShortFormIsAShareForTheWholeEntityUnderTheStandardBasis() {
        assertThat(ORIGINAL).isEqualTo(new ShareRequest("request-1", "acme-research", null, new IdCounts(10, 20, 30),
                ShareBasis.STANDARD, "model evaluation"));
    }

    @Test
    void valuesRunningIntoEachOtherDoNotCollide() {
        ShareRequest a = new ShareRequest("request-1", "acme-research", new IdCounts(1, 23, 0), "x");
        ShareRequest b = new ShareRequest("request-1", "acme-research", new IdCounts(12, 3, 0), "x");

        assertThat(a.contentFingerprint()).isNotEqualTo(b.contentFingerprint());
        assertThat(Fingerprint.of("ab", "c")).isNotEqualTo(Fingerprint.of("a", "bc"));
    }

    @Test
    void aDecisionCarriesTheFingerprintOfItsRequest() {
        Instant now = Instant.parse("2025-03-01T09:00:00Z");
        Quota quota = new Quota(100, Quota.DEFAULT_LIMIT_SOURCE, 10, 90, Duration.ofDays(30),
                now.minus(Duration.ofDays(30)), now, null, 0);
        ShareDecision denied =
                new ShareDeniedEvent(ORIGINAL, DenialReason.REQUEST_EXCEEDS_LIMIT, now, null, quota, null);

        assertThat(denied.requestId()).isEqualTo("request-1");
        assertThat(denied.contentFingerprint()).isEqualTo(ORIGINAL.contentFingerprint());
    }
}

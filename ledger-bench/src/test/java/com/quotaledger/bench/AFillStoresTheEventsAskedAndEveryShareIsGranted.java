package com.quotaledger.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fill stores about the events asked, on many recipients with short histories, and every share of it fits its
 * recipient's limit, so the ledger grants all and the baseline's rows, all granted, say the same.
 */
class AFillStoresTheEventsAskedAndEveryShareIsGranted {

    @Test
    void aMillionEventsGoToTenThousandRecipients() {
        StoreFill fill = StoreFill.ofEvents(1_000_000);

        assertThat(fill.recipientCount()).isEqualTo(10_000);
        assertThat(fill.shares()).isEqualTo(980_000);
        assertThat(fill.events()).isEqualTo(1_000_000);
    }

    @Test
    void aSmallFillHasARecipientForEveryHundredEvents() {
        assertThat(StoreFill.ofEvents(20_000)).isEqualTo(new StoreFill(200, 19_600));
        assertThat(StoreFill.ofEvents(50)).isEqualTo(new StoreFill(1, 48));
        assertThat(StoreFill.ofEvents(0).isEmpty()).isTrue();
    }

    @Test
    void everyRecipientsSharesFitItsLimit() {
        StoreFill fill = StoreFill.ofEvents(1_000_000);
        Map<String, Long> postIds = new HashMap<>();
        for (int share = 0; share < fill.shares(); share++) {
            postIds.merge(fill.recipientOfShare(share), StoreFill.postIdsOf(share), Long::sum);
        }

        assertThat(postIds.keySet()).containsExactlyInAnyOrderElementsOf(fill.recipients());
        assertThat(postIds.values()).allSatisfy(used -> assertThat(used).isLessThanOrEqualTo(SqlQuotaLedger.LIMIT));
    }

    @Test
    void theBaselinesRowsComeEachRecipientsTogetherAndEveryShareOnce() {
        StoreFill fill = new StoreFill(3, 8);

        int[] ordered = fill.sharesByRecipient();

        assertThat(ordered).containsExactly(0, 3, 6, 1, 4, 7, 2, 5);
        assertThat(fill.recipientOfShare(ordered[0])).isEqualTo(fill.recipientOfShare(ordered[2]));
    }

    @Test
    void aFillTooLargeToBeGrantedIsRefusedBeforeItStarts() {
        assertThatThrownBy(() -> StoreFill.ofEvents(20_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecisionIsKnownAsAShareOfTheFillByItsRequestId() {
        assertThat(StoreFill.shareOf(StoreFill.requestIdOf(0))).isZero();
        assertThat(StoreFill.shareOf(StoreFill.requestIdOf(979_999))).isEqualTo(979_999);
        assertThat(StoreFill.shareOf("filled-12")).isEqualTo(-1);
        assertThat(StoreFill.shareOf("fill-share-")).isEqualTo(-1);
        assertThat(StoreFill.shareOf("fill-share-12a")).isEqualTo(-1);
        assertThat(StoreFill.shareOf("fill-share-99999999999")).isEqualTo(-1);
        assertThat(StoreFill.shareOf(null)).isEqualTo(-1);
    }
}

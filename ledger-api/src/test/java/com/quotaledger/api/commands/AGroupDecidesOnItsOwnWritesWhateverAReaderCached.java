package com.quotaledger.api.commands;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read on another thread may load a recipient from the store while a group of commands holds back a decision of
 * it, and cache that copy: the group's next command on the recipient still decides on the group's own writes.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.policy.rolling-limit=1000")
class AGroupDecidesOnItsOwnWritesWhateverAReaderCached {

    LedgerClient ledger;

    @Autowired
    GroupCommit groups;

    @Autowired
    CommandGateway gateway;

    @Autowired
    Cache aggregateCache;

    @Test
    void aShareAfterAReaderCachedTheStoredRecipientCountsTheGroupsEarlierShare() throws Exception {
        ledger.registerWithAllTerms("held");
        CountDownLatch firstDecided = new CountDownLatch(1);
        CountDownLatch readerDone = new CountDownLatch(1);
        ExecutorService committer = Executors.newSingleThreadExecutor();
        try {
            Future<List<ShareDecision>> group = committer.submit(() -> groups.run(() -> {
                ShareDecision first = gateway.sendAndWait(share("held-1"));
                firstDecided.countDown();
                awaitQuietly(readerDone);
                ShareDecision second = gateway.sendAndWait(share("held-2"));
                return List.of(first, second);
            }));
            assertThat(firstDecided.await(30, TimeUnit.SECONDS)).isTrue();
            aggregateCache.remove("held");

            assertThat(ledger.quota("held").json().path("postIds").path("used").asLong())
                    .as("the reader loads what the store holds").isZero();
            readerDone.countDown();

            List<ShareDecision> decided = group.get(30, TimeUnit.SECONDS);
            assertThat(decided.get(0)).isInstanceOf(ShareGrantedEvent.class);
            assertThat(decided.get(1)).as("600 more on top of the group's own 600 exceed 1000")
                    .isInstanceOf(ShareDeniedEvent.class);
            assertThat(ledger.quota("held").json().path("postIds").path("used").asLong()).isEqualTo(600);
        } finally {
            committer.shutdownNow();
        }
    }

    private static ShareIdsCommand share(String requestId) {
        return new ShareIdsCommand(new ShareRequest(requestId, "held", new IdCounts(600, 0, 0), "held back"),
                requestId);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

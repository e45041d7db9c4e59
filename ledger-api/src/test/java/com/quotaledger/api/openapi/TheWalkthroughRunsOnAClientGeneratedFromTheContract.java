package com.quotaledger.api.openapi;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.client.ApiClient;
import com.quotaledger.client.ApiException;
import com.quotaledger.client.ApiResponse;
import com.quotaledger.client.api.RecipientsApi;
import com.quotaledger.client.api.SharesApi;
import com.quotaledger.client.model.AcceptTermsBody;
import com.quotaledger.client.model.DenialReason;
import com.quotaledger.client.model.Problem;
import com.quotaledger.client.model.ProblemReason;
import com.quotaledger.client.model.QuotaJson;
import com.quotaledger.client.model.RecipientKind;
import com.quotaledger.client.model.RegisterRecipientBody;
import com.quotaledger.client.model.ShareDenial;
import com.quotaledger.client.model.ShareGrant;
import com.quotaledger.client.model.ShareIdsBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The README's walkthrough, as a client generated from {@code docs/openapi.json} runs it: register a recipient, a
 * denial before the terms are accepted, the acceptance, a grant with its quota, a 429 read as a typed denial with its
 * {@code retryAt}, the quota. If the contract and the service disagree on a name or a shape, this fails.
 */
@FreshLedger
class TheWalkthroughRunsOnAClientGeneratedFromTheContract {

    @LocalServerPort
    int port;

    private ApiClient client;
    private RecipientsApi recipients;
    private SharesApi shares;

    @BeforeEach
    void aClientOfTheContract() {
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + LedgerClient.ADMIN_TOKEN));
        recipients = new RecipientsApi(client);
        shares = new SharesApi(client);
    }

    @Test
    void registerAcceptShareAndReadTheQuota() throws Exception {
        recipients.registerRecipient(new RegisterRecipientBody().recipientId("acme").name("Acme Analytics")
                .kind(RecipientKind.COMPANY));
        ApiException duplicate = catchThrowableOfType(ApiException.class, () -> recipients.registerRecipient(
                new RegisterRecipientBody().recipientId("acme").name("Acme Analytics").kind(RecipientKind.COMPANY)));
        assertThat(duplicate.getCode()).isEqualTo(409);
        assertThat(problemIn(duplicate).getReason()).isEqualTo(ProblemReason.RECIPIENT_ALREADY_EXISTS);

        ApiException beforeTerms = catchThrowableOfType(ApiException.class, () -> shares.decideShare(share("r-0", 1000)));
        assertThat(beforeTerms.getCode()).isEqualTo(422);
        assertThat(denialIn(beforeTerms).getReason()).isEqualTo(DenialReason.TERMS_NOT_ACCEPTED);

        recipients.acceptRecipientTerms("acme", new AcceptTermsBody().acceptedBy("jane@acme.example").documents(Map.of(
                "TERMS_OF_SERVICE", "2025-09", "PRIVACY_POLICY", "2025-09",
                "DEVELOPER_AGREEMENT", "2025-10", "DEVELOPER_POLICY", "2025-10")));

        ApiResponse<ShareGrant> granted = shares.decideShareWithHttpInfo(share("r-1", 1_000_000));
        assertThat(granted.getStatusCode()).isEqualTo(201);
        assertThat(granted.getData().getDecision()).isEqualTo(ShareGrant.DecisionEnum.GRANTED);
        assertThat(granted.getData().getQuota().getUsed()).isEqualTo(1_000_000L);
        assertThat(granted.getData().getQuota().getRemaining()).isEqualTo(500_000L);
        assertThat(granted.getHeaders().get("ratelimit")).containsExactly("\"post-ids\";r=500000;t=2592000");
        assertThat(shares.decideShare(share("r-1", 1_000_000)).getShareId())
                .as("the same request again, the same decision").isEqualTo(granted.getData().getShareId());

        ApiException tooMany = catchThrowableOfType(ApiException.class, () -> shares.decideShare(share("r-2", 600_000)));
        assertThat(tooMany.getCode()).isEqualTo(429);
        ShareDenial denial = denialIn(tooMany);
        assertThat(denial.getReason()).isEqualTo(DenialReason.ROLLING_LIMIT_EXCEEDED);
        assertThat(denial.getRetryAt()).isAfter(granted.getData().getDecidedAt().plusDays(29));
        assertThat(tooMany.getResponseHeaders().firstValue("Retry-After")).isPresent();
        assertThat(denial.getQuota()).as("the same quota, read later").usingRecursiveComparison()
                .ignoringFields("asOf", "windowStart").isEqualTo(granted.getData().getQuota());

        QuotaJson quota = recipients.getRecipientQuota("acme", null).getPostIds();
        assertThat(quota.getUsed()).isEqualTo(1_000_000L);
        assertThat(quota.getLimit()).isEqualTo(1_500_000L);
        assertThat(quota.getNextReleaseAt()).isEqualTo(denial.getRetryAt());
        assertThat(quota.getNextReleaseAt()).isAfter(OffsetDateTime.now().plusDays(29));
    }

    private static ShareIdsBody share(String requestId, long postIds) {
        return new ShareIdsBody().requestId(requestId).recipientId("acme").postIdCount(postIds).userIdCount(0L)
                .directMessageIdCount(0L);
    }

    private Problem problemIn(ApiException refused) throws IOException {
        return client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    }

    private ShareDenial denialIn(ApiException denied) throws IOException {
        return client.getObjectMapper().readValue(denied.getResponseBody(), ShareDenial.class);
    }
}

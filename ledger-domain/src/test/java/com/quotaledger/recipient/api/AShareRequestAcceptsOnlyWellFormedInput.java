package com.quotaledger.recipient.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AShareRequestAcceptsOnlyWellFormedInput {

    private static final String REQUEST_ID = "export-2025-03-01/0001";
    private static final String RECIPIENT_ID = "acme-research";
    private static final IdCounts SOME_IDS = new IdCounts(10, 0, 0);
    private static final long MOST = IdCounts.MAX_IDS_PER_REQUEST;

    @ParameterizedTest
    @ValueSource(strings = {"a", "!", "~", "export/2025-03-01#1?retry=2", "{\"quoted\":1}"})
    void aRequestIdOfVisibleAsciiIsAccepted(String requestId) {
        assertThatCode(() -> request(requestId, RECIPIENT_ID, SOME_IDS)).doesNotThrowAnyException();
    }

    @Test
    void aRequestIdMayHave128CharactersButNotMore() {
        assertThatCode(() -> request("r".repeat(128), RECIPIENT_ID, SOME_IDS)).doesNotThrowAnyException();
        assertThatThrownBy(() -> request("r".repeat(129), RECIPIENT_ID, SOME_IDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\there", "caf\u00e9", "del\u007f", "line\nbreak"})
    void aRequestIdThatIsEmptyOrNotVisibleAsciiIsRefused(String requestId) {
        assertThatThrownBy(() -> request(requestId, RECIPIENT_ID, SOME_IDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingRequestIdIsRefused() {
        assertThatThrownBy(() -> request(null, RECIPIENT_ID, SOME_IDS)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "acme-research", "acme.research_2", "a-", "a."})
    void aRecipientIdOfLowerCaseLettersDigitsDotsUnderscoresAndDashesIsAccepted(String recipientId) {
        assertThatCode(() -> request(REQUEST_ID, recipientId, SOME_IDS)).doesNotThrowAnyException();
    }

    @Test
    void aRecipientIdMayHave64CharactersButNotMore() {
        assertThatCode(() -> request(REQUEST_ID, "a".repeat(64), SOME_IDS)).doesNotThrowAnyException();
        assertThatThrownBy(() -> request(REQUEST_ID, "a".repeat(65), SOME_IDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Acme", "-acme", ".acme", "_acme", "acme research", "acme/research", "acm\u00e9"})
    void aRecipientIdOfAnyOtherShapeIsRefused(String recipientId) {
        assertThatThrownBy(() -> request(REQUEST_ID, recipientId, SOME_IDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShareNamesAtLeastOneId() {
        assertThatThrownBy(() -> request(REQUEST_ID, RECIPIENT_ID, IdCounts.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request(REQUEST_ID, RECIPIENT_ID, null)).isInstanceOf(NullPointerException.class);
        assertThatCode(() -> request(REQUEST_ID, RECIPIENT_ID, new IdCounts(0, 0, 1))).doesNotThrowAnyException();
    }

    @Test
    void countsAreNeverNegative() {
        assertThatThrownBy(() -> new IdCounts(-1, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdCounts(5, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdCounts(5, 5, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachKindMayNameTenMillionIdsButNotMore() {
        assertThatCode(() -> request(REQUEST_ID, RECIPIENT_ID, new IdCounts(MOST, MOST, MOST)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> request(REQUEST_ID, RECIPIENT_ID, new IdCounts(MOST + 1, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request(REQUEST_ID, RECIPIENT_ID, new IdCounts(0, MOST + 1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request(REQUEST_ID, RECIPIENT_ID, new IdCounts(0, 0, MOST + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada.lovelace+ledger@acme.example", "A-1_b"})
    void aPersonIdOfLettersDigitsAndEmailCharactersIsAccepted(String personId) {
        assertThatCode(() -> new ShareRequest(REQUEST_ID, RECIPIENT_ID, personId, SOME_IDS, ShareBasis.STANDARD, null))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-ada", "ada lovelace", "person:ada", "ad\u00e9"})
    void aPersonIdOfAnyOtherShapeIsRefused(String personId) {
        assertThatThrownBy(() -> new ShareRequest(REQUEST_ID, RECIPIENT_ID, personId, SOME_IDS, ShareBasis.STANDARD,
                null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShareNamesItsBasis() {
        assertThatThrownBy(() -> new ShareRequest(REQUEST_ID, RECIPIENT_ID, null, SOME_IDS, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aStandardBasisNamesNoExemption() {
        assertThatThrownBy(() -> new ShareBasis(BasisType.STANDARD, "x-1", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareBasis(BasisType.STANDARD, null, "x-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAcademicBasisNamesAnApprovalAndNothingElse() {
        assertThatCode(() -> ShareBasis.academicApproval("x-academic/2025-017")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ShareBasis(BasisType.ACADEMIC_APPROVAL, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareBasis(BasisType.ACADEMIC_APPROVAL, "x-1", "x-2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShareBasis.academicApproval("not an id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDsaBasisNamesAnAccessAndNothingElse() {
        assertThatCode(() -> ShareBasis.dsaAccess("dsa-40:4711")).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ShareBasis(BasisType.DSA_ARTICLE_40, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShareBasis(BasisType.DSA_ARTICLE_40, "x-1", "x-2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShareBasis.dsaAccess("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ShareRequest request(String requestId, String recipientId, IdCounts ids) {
        return new ShareRequest(requestId, recipientId, ids, "model evaluation");
    }
}

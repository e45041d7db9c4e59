package com.quotaledger.api.recipient;

import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public form of a recipient entity. {@code outdatedTerms} are the accepted documents older than the versions in
 * force: until they are accepted again, the recipient receives nothing.
 */
record RecipientJson(String recipientId,
                     String name,
                     RecipientKind kind,
                     Instant registeredAt,
                     boolean termsAccepted,
                     Map<TermsDocument, AcceptedTerms> acceptedTerms,
                     List<TermsDocument> missingTerms,
                     List<OutdatedTerms> outdatedTerms,
                     List<String> persons) {

    static RecipientJson of(RecipientView view, TermsVersions versions) {
        return new RecipientJson(view.recipientId(), view.name(), view.kind(), view.registeredAt(),
                view.termsAccepted(), new TreeMap<>(view.acceptedTerms()), missingTerms(view),
                versions.outdated(view.acceptedTerms(), view.asOf()), view.persons().stream().sorted().toList());
    }

    static List<TermsDocument> missingTerms(RecipientView view) {
        return TermsDocument.allRequired().stream().filter(document -> !view.acceptedTerms().containsKey(document))
                .toList();
    }
}

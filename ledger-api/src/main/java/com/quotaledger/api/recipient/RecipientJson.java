package com.quotaledger.api.recipient;

import com.quotaledger.recipient.api.AcceptedTerms;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.TermsDocument;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The public form of a recipient entity. */
record RecipientJson(String recipientId,
                     String name,
                     RecipientKind kind,
                     Instant registeredAt,
                     boolean termsAccepted,
                     Map<TermsDocument, AcceptedTerms> acceptedTerms,
                     List<TermsDocument> missingTerms,
                     List<String> persons) {

    static RecipientJson of(RecipientView view) {
        return new RecipientJson(view.recipientId(), view.name(), view.kind(), view.registeredAt(),
                view.termsAccepted(), new TreeMap<>(view.acceptedTerms()), missingTerms(view),
                view.persons().stream().sorted().toList());
    }

    static List<TermsDocument> missingTerms(RecipientView view) {
        return TermsDocument.allRequired().stream().filter(document -> !view.acceptedTerms().containsKey(document))
                .toList();
    }
}

package com.quotaledger.ledger;

import com.quotaledger.decision.DecisionChain;
import com.quotaledger.decision.LedgerDecision;
import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/** Checks an aggregate's stored events the way an auditor would: decision by decision, from the first. */
public final class DecisionChains {

    private DecisionChains() {
    }

    /**
     * The position of the first event that breaks the chain, or -1 if none does: a decision that does not follow the
     * decision before it (or the genesis hash, for the first), or any other event that carries a decision hash.
     */
    public static int firstBreak(List<? extends EventMessage<?>> events) {
        String previousHash = null;
        for (int position = 0; position < events.size(); position++) {
            EventMessage<?> event = events.get(position);
            Object recordedHash = event.getMetaData().get(DecisionChain.HASH);
            if (!(event.getPayload() instanceof LedgerDecision decision)) {
                if (recordedHash != null || event.getMetaData().containsKey(DecisionChain.PREVIOUS_HASH)) {
                    return position;
                }
                continue;
            }
            Object recordedPrevious = event.getMetaData().get(DecisionChain.PREVIOUS_HASH);
            if (!(recordedHash instanceof String hash) || !(recordedPrevious instanceof String previous)
                    || !DecisionChain.follows(previousHash, decision, previous, hash)) {
                return position;
            }
            previousHash = hash;
        }
        return -1;
    }
}

package com.quotaledger.api.reservation;

import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.recipient.api.ExpireReservationCommand;
import com.quotaledger.reports.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * Writes the expiry of every reservation whose {@code expiresAt} has passed on the ledger's clock (the test clock
 * included) into its recipient's history, as a {@code ReservationExpired} event for the audit trail and Kafka.
 * <p>
 * Nothing depends on it for correctness: an open reservation stops counting at its {@code expiresAt} whether or not
 * this ran. So it is kept simple and safe on any number of nodes: each node looks, every
 * {@code ledger.reservations.expiry-interval}, for reservations the read model still has open past their expiry, and
 * asks their recipients to record it; a recipient records an expiry once, so a node that asks again, or a second
 * node asking at the same time, records nothing. The read model is rebuilt from the events, so a restart or a node
 * failure loses no expiry: the next look finds it.
 */
@Component
class ReservationExpiries {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpiries.class);

    /** Expiries recorded per look at most, so that one look never holds a node for long. */
    static final int MAX_PER_LOOK = 500;

    private final Reports reports;
    private final LedgerCommands commands;
    private final Clock clock;

    ReservationExpiries(Reports reports, LedgerCommands commands, Clock clock) {
        this.reports = reports;
        this.commands = commands;
        this.clock = clock;
    }

    /** Records the expiries due now that are not recorded yet; returns how many this node recorded. */
    @Scheduled(fixedDelayString = "${ledger.reservations.expiry-interval:PT5S}",
            initialDelayString = "${ledger.reservations.expiry-interval:PT5S}")
    public int recordDueExpiries() {
        List<String> due = reports.expiredButOpen(clock.instant(), MAX_PER_LOOK);
        int recorded = 0;
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext asLedger = SecurityContextHolder.createEmptyContext();
        asLedger.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(CurrentActor.LEDGER, null,
                List.of()));
        SecurityContextHolder.setContext(asLedger);
        try {
            for (String reservationId : due) {
                try {
                    if (commands.<Boolean>send(new ExpireReservationCommand(reservationId))) {
                        recorded++;
                    }
                } catch (RuntimeException failure) {
                    // the next look tries again; nothing counts on the record being written now
                    log.warn("Could not record the expiry of reservation {} yet: {}", reservationId,
                            failure.toString());
                }
            }
        } finally {
            SecurityContextHolder.setContext(before);
        }
        return recorded;
    }
}

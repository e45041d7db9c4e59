package com.quotaledger.recipient.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reads a recipient's current state from its aggregate. It changes nothing; it is a command so that the answer
 * is taken under the same lock and clock as decisions, and is therefore never behind them.
 */
public record DescribeRecipientCommand(@TargetAggregateIdentifier String recipientId) {
}

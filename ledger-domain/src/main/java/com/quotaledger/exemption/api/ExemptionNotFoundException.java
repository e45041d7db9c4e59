package com.quotaledger.exemption.api;

public class ExemptionNotFoundException extends RuntimeException {

    private final ExemptionKind kind;
    private final String exemptionId;

    public ExemptionNotFoundException(ExemptionKind kind, String exemptionId) {
        super("no " + kind + " " + exemptionId, null, false, false);
        this.kind = kind;
        this.exemptionId = exemptionId;
    }

    public ExemptionKind kind() {
        return kind;
    }

    public String exemptionId() {
        return exemptionId;
    }
}

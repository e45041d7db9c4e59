package com.quotaledger.exemption.api;

/** An exemption id names one exemption of a recipient for good; granting it again is refused. */
public class ExemptionAlreadyExistsException extends RuntimeException {

    private final ExemptionKind kind;
    private final String exemptionId;

    public ExemptionAlreadyExistsException(ExemptionKind kind, String exemptionId) {
        super(kind + " " + exemptionId + " already exists", null, false, false);
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

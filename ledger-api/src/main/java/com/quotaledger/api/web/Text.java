package com.quotaledger.api.web;

/** What free text in a request may hold. */
public final class Text {

    /** Printable text: no control characters, which would corrupt logs, CSV exports and reports. */
    public static final String PRINTABLE = "[^\\p{Cntrl}]*";

    private Text() {
    }
}

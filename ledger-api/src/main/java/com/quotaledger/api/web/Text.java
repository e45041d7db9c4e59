package com.quotaledger.api.web;

/** What free text in a request may hold. */
public final class Text {

    /**
     * Printable text: no control characters, which would corrupt logs, CSV exports and reports; no line or paragraph
     * separators (U+2028, U+2029), which end a line in some readers and not in others; and no bidirectional controls
     * (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069), which make text read other than it is stored.
     */
    public static final String PRINTABLE =
            "[^\\p{Cntrl}\\p{Zl}\\p{Zp}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*";

    private Text() {
    }
}

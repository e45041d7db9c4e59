package com.quotaledger.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over an unambiguous encoding of some values: each value is written with its length, so that
 * ("ab", "c") and ("a", "bc") never collide. Used to tell whether a repeated requestId carries the same content.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(Object... values) {
        StringBuilder canonical = new StringBuilder();
        for (Object value : values) {
            if (value == null) {
                canonical.append("-1:");
            } else {
                String text = value.toString();
                canonical.append(text.length()).append(':').append(text);
            }
        }
        return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

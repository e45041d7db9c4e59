package com.quotaledger.api.security;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerProcess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever callers send, accepted or refused, no token, JWT or {@code Authorization} header reaches the log, not even
 * with the security and web layers logging at DEBUG; the administrator token made on the first start is announced by
 * its file, never by its value.
 */
class TokensNeverReachTheLog {

    @Test
    void noTokenAppearsInTheLogWhateverTheCallersSend() throws Exception {
        Path dataDir = DataDirs.fresh("log");
        String jwt = base64("{\"alg\":\"RS256\",\"kid\":\"k\"}") + "." + base64("{\"sub\":\"mallory\",\"roles\":"
                + "[\"ADMIN\"]}") + "." + base64("not-a-signature-but-long-enough-to-notice");
        try (LedgerProcess ledger = LedgerProcess.start(dataDir, "--ledger.security.bootstrap-token=",
                "--logging.level.org.springframework.security=DEBUG", "--logging.level.org.springframework.web=DEBUG",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.quotaledger.test",
                "--spring.security.oauth2.resourceserver.jwt.audiences=quota-ledger")) {
            String admin = Files.readString(dataDir.resolve("initial-admin-token"), StandardCharsets.UTF_8).strip();
            LedgerClient client = ledger.client();
            List<String> tokens = List.of(admin, LedgerClient.ADMIN_TOKEN, "guess-" + admin.substring(3), jwt);

            assertThat(client.as(admin).get("/api/v1/admin/projections").status()).isEqualTo(200);
            assertThat(client.as(admin).post("/api/v1/shares", "{\"broken\":").status()).isEqualTo(400);
            for (String refused : List.of(LedgerClient.ADMIN_TOKEN, "guess-" + admin.substring(3))) {
                assertThat(client.as(refused).get("/api/v1/admin/projections").status()).isEqualTo(401);
            }
            // The identity provider here is unreachable, so the JWT can be neither accepted nor refused.
            assertThat(client.as(jwt).get("/api/v1/admin/projections").status()).isEqualTo(503);
            assertThat(client.as(null).send("GET", "/api/v1/admin/projections", "Authorization",
                    "Basic " + base64("ops:" + admin)).status()).isEqualTo(401);

            String log = ledger.output();
            assertThat(log).contains("initial-admin-token").contains("Securing GET /api/v1/admin/projections");
            for (String token : tokens) {
                assertThat(log).doesNotContain(token);
            }
            assertThat(log).doesNotContain(base64("ops:" + admin)).doesNotContainIgnoringCase("Bearer ey")
                    .doesNotContainIgnoringCase("authorization:");
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

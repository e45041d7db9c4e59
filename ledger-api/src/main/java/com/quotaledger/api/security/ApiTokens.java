package com.quotaledger.api.security;

import com.quotaledger.api.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API tokens the ledger accepts, known only by the SHA-256 of their secret: the configured ones or, when none
 * are configured, the administrator token created on the first start. That one's hash is kept in the database, so
 * that every node sharing it accepts the same token and a restart does not make a new one.
 */
@Component
@DependsOn("flywayInitializer")
public class ApiTokens {

    /** The name, and so the recorded actor, of the administrator token the ledger creates itself. */
    public static final String INITIAL_ADMIN = "admin";
    public static final String INITIAL_TOKEN_FILE = "initial-admin-token";
    /** The shortest administrator token the ledger takes from configuration: shorter secrets are guessed sooner. */
    static final int MIN_BOOTSTRAP_TOKEN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A caller an API token identifies. */
    record Caller(String name, Set<Role> roles, RecipientScope scope) {
    }

    private final Map<String, Caller> byHash;

    ApiTokens(LedgerSecurityProperties security, LedgerProperties ledger, JdbcTemplate jdbc) {
        this.byHash = security.tokens().isEmpty()
                ? Map.of(initialAdminHash(security.bootstrapToken(), ledger.dataDir(), jdbc),
                        new Caller(INITIAL_ADMIN, EnumSet.of(Role.ADMIN), RecipientScope.EVERY_RECIPIENT))
                : configured(security.tokens());
    }

    Optional<Caller> caller(String token) {
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Caller> configured(List<LedgerSecurityProperties.ConfiguredToken> tokens) {
        Map<String, Caller> byHash = new HashMap<>();
        for (LedgerSecurityProperties.ConfiguredToken token : tokens) {
            if (CurrentActor.RESERVED_NAMES.contains(token.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("ledger.security.tokens: '" + token.name() + "' is a name the ledger "
                        + "records for actors of its own " + new TreeSet<>(CurrentActor.RESERVED_NAMES)
                        + "; give the token another");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String name : token.roles().split(",")) {
                roles.add(Role.named(name).orElseThrow(() -> new IllegalStateException("ledger.security.tokens: '"
                        + name.strip() + "' of token " + token.name() + " is not a role; roles are "
                        + List.of(Role.values()))));
            }
            RecipientScope scope = token.recipients().isEmpty() ? RecipientScope.EVERY_RECIPIENT
                    : RecipientScope.only(token.recipients());
            if (byHash.put(token.sha256().toLowerCase(Locale.ROOT), new Caller(token.name(), roles, scope)) != null) {
                throw new IllegalStateException("ledger.security.tokens: two tokens have the hash of " + token.name());
            }
        }
        return Map.copyOf(byHash);
    }

    private static String initialAdminHash(String bootstrapToken, Path dataDir, JdbcTemplate jdbc) {
        boolean given = bootstrapToken != null && !bootstrapToken.isBlank();
        if (given && bootstrapToken.length() < MIN_BOOTSTRAP_TOKEN_LENGTH) {
            throw new IllegalStateException("ledger.security.bootstrap-token has " + bootstrapToken.length()
                    + " characters; an administrator token needs at least " + MIN_BOOTSTRAP_TOKEN_LENGTH
                    + " (for example from 'openssl rand -hex 32')");
        }
        List<String> stored = jdbc.queryForList("SELECT sha256 FROM initial_admin_token WHERE id = 1", String.class);
        if (!stored.isEmpty()) {
            return recorded(stored.get(0), given ? bootstrapToken : null);
        }
        String token = given ? bootstrapToken : randomToken();
        try {
            jdbc.update("INSERT INTO initial_admin_token (id, sha256, created_at) VALUES (1, ?, ?)", sha256(token),
                    Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return recorded(jdbc.queryForObject("SELECT sha256 FROM initial_admin_token WHERE id = 1", String.class),
                    given ? bootstrapToken : null);
        }
        if (given) {
            log.info("The administrator token is the one given by ledger.security.bootstrap-token");
        } else {
            Path file = writeForOwnerOnly(dataDir.resolve(INITIAL_TOKEN_FILE), token);
            log.info("An administrator token was created and written to {}, readable by its owner only; the ledger "
                    + "keeps only its hash. Send its content as a bearer token.", file);
        }
        return sha256(token);
    }

    /**
     * The administrator token recorded at the first start, which a given bootstrap token must be: silently keeping
     * the old one would leave an operator who rotated it believing the new one is in force, and the old one valid.
     */
    private static String recorded(String storedHash, String bootstrapToken) {
        if (bootstrapToken != null && !MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                sha256(bootstrapToken).getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("ledger.security.bootstrap-token is not the administrator token recorded "
                    + "at this store's first start, which stays the administrator token: start with that one, or "
                    + "without ledger.security.bootstrap-token, or configure ledger.security.tokens instead");
        }
        return storedHash;
    }

    private static String randomToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "ql_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static Path writeForOwnerOnly(Path file, String token) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                file.toFile().setWritable(false, false);
                file.toFile().setWritable(true, true);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return file.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrator token to " + file, e);
        }
    }
}

package dev.kosmirecorder.replayer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kosmirecorder.core.jwt.Jwt;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Signs and checks the mock's own HS512 tokens with a secret made for this run only, so a token from one mock run
 * is worthless in the next and no recorded secret is ever needed; or, for a fleet of mocks behind a load balancer
 * (SPEC §9), with a secret they are all given ({@link #withSharedSecret}), so a token one instance issued is good
 * on every other. Thread-safe.
 */
public final class TokenSigner {
    /** Kosmi's tokens live about a year; the mock's do too, so a long test run never sees one expire. */
    static final Duration LIFETIME = Duration.ofDays(365);

    private final byte[] secret;

    private TokenSigner(byte[] secret) {
        this.secret = secret;
    }

    /** A signer with a fresh random 512-bit secret (HS512 needs at least that many). */
    public static TokenSigner withRandomSecret() {
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        return new TokenSigner(secret);
    }

    /** Shorter shared secrets are refused: a token signed with a guessable one could be forged. */
    public static final int MIN_SHARED_SECRET_LENGTH = 16;

    /**
     * A signer whose key is derived from {@code secret} (SHA-512 of its UTF-8 bytes, the 512 bits HS512 needs),
     * so every mock given the same secret signs and accepts the same tokens.
     */
    public static TokenSigner withSharedSecret(String secret) {
        if (secret == null || secret.length() < MIN_SHARED_SECRET_LENGTH) {
            throw new IllegalArgumentException("the shared token secret must be at least " + MIN_SHARED_SECRET_LENGTH
                    + " characters long, so a token cannot be forged by guessing it");
        }
        try {
            return new TokenSigner(java.security.MessageDigest.getInstance("SHA-512")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512, which every Java platform must have", e);
        }
    }

    /**
     * A token with the recorded one's claim shape: the recorded claims are kept, {@code sub} and {@code jti} are
     * fresh UUIDs, {@code iat}/{@code nbf}/{@code exp} are now, a second ago and a year ahead; {@code aud},
     * {@code iss} and {@code typ} default to Kosmi's values when the recording has none.
     */
    public String sign(Jwt recorded, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = recorded.claims().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                claims.claim(e.getKey(), v.asText());
            } else if (v.isIntegralNumber()) {
                claims.claim(e.getKey(), v.asLong());
            } else if (v.isBoolean()) {
                claims.claim(e.getKey(), v.asBoolean());
            }
        }
        if (!recorded.claims().has("aud")) {
            claims.audience("kosmi");
        }
        if (!recorded.claims().has("iss")) {
            claims.issuer("kosmi");
        }
        if (!recorded.claims().has("typ")) {
            claims.claim("typ", "access");
        }
        claims.subject(UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(LIFETIME)));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a mock token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** Whether this signer made the token and it has not expired. */
    public boolean issued(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS512.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return false;
            }
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp == null || exp.toInstant().isAfter(now);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return false;
        }
    }
}

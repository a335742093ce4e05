package dev.agentdispatch.core.auth;

import dev.agentdispatch.core.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Makes and hashes API key secrets. Keys are 256-bit random, so a fast hash is enough. */
public final class KeySecrets {
  /** Every secret starts with this, so leaked keys are easy to recognise in logs and scanners. */
  public static final String SECRET_PREFIX = "adk_";

  public static final int SHOWN_PREFIX_LENGTH = 12;

  private KeySecrets() {}

  public static String newSecret() {
    return SECRET_PREFIX + Ids.randomHex(32);
  }

  public static String hash(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static String shownPrefix(String secret) {
    return secret.substring(0, Math.min(SHOWN_PREFIX_LENGTH, secret.length()));
  }
}

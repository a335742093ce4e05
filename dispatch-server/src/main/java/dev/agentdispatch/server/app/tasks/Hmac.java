package dev.agentdispatch.server.app.tasks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures, as GitHub and Gitea sign webhooks and as escalations are signed. */
public final class Hmac {
  private Hmac() {}

  /** The lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
  public static String sha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code givenHex} is the signature of {@code body}, compared in constant time. */
  public static boolean verify(String secret, byte[] body, String givenHex) {
    byte[] expected = sha256Hex(secret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = givenHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}

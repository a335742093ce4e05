package dev.agentdispatch.server.delivery;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of pushes, read once from the PEM files of {@link PushSettings}: whom to trust
 * and, for mTLS, which certificate to show. The gRPC and the HTTP transport use the same managers,
 * so an agent is trusted the same way whichever protocol it speaks.
 */
final class PushTls {
  private static final char[] NO_PASSWORD = new char[0];
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private final TrustManager[] trust;
  private final Optional<KeyManager[]> identity;

  private PushTls(TrustManager[] trust, Optional<KeyManager[]> identity) {
    this.trust = trust;
    this.identity = identity;
  }

  /**
   * Reads the files named by {@code settings}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static PushTls load(PushSettings settings) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(settings.trustedCertificates().map(PushTls::trustStore).orElse(null));
      Optional<KeyManager[]> identity = Optional.empty();
      if (settings.clientCertificate().isPresent()) {
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(
            identityStore(settings.clientCertificate().get(), settings.clientKey().orElseThrow()),
            NO_PASSWORD);
        identity = Optional.of(kmf.getKeyManagers());
      }
      return new PushTls(tmf.getTrustManagers(), identity);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("push TLS settings are unusable: " + e.getMessage(), e);
    }
  }

  /** Credentials for a gRPC channel to an agent that speaks TLS. */
  ChannelCredentials grpc() {
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(trust);
    identity.ifPresent(tls::keyManager);
    return tls.build();
  }

  /** An SSL context for HTTPS agents. */
  SSLContext http() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(identity.orElse(null), trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM offers no TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(Path pem) {
    List<Certificate> certificates = certificates(pem, "trusted certificates");
    KeyStore store = emptyStore();
    try {
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("ca-" + i, certificates.get(i));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(pem + ": " + e.getMessage(), e);
    }
    return store;
  }

  private static KeyStore identityStore(Path certificate, Path key) {
    List<Certificate> chain = certificates(certificate, "client certificate");
    KeyStore store = emptyStore();
    try {
      store.setKeyEntry("client", privateKey(key), NO_PASSWORD, chain.toArray(Certificate[]::new));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          key + " does not go with " + certificate + ": " + e.getMessage(), e);
    }
    return store;
  }

  private static List<Certificate> certificates(Path pem, String what) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<Certificate> found =
          List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (found.isEmpty()) {
        throw new IllegalArgumentException(pem + " (" + what + ") holds no PEM certificate");
      }
      return found;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + what + " " + pem + ": " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          pem + " (" + what + ") is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  /** A PEM {@code PRIVATE KEY} (PKCS#8, unencrypted), as {@code openssl genpkey} writes it. */
  private static PrivateKey privateKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read client key " + pem + ": " + e, e);
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "client key "
              + pem
              + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm: PKCS#8 names it inside, but the JDK wants it named up front.
      }
    }
    throw new IllegalArgumentException(
        "client key " + pem + " is not an RSA, EC or EdDSA key the JVM can read");
  }

  private static KeyStore emptyStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the JVM offers no PKCS12 key store", e);
    }
  }
}

package dev.agentdispatch.server.delivery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How this node pushes to agents.
 *
 * @param healthEvery how often each gRPC push agent is sent {@code HealthCheck}
 * @param trustedCertificates PEM file of the certificate authorities a TLS agent's certificate must
 *     chain to; empty: the JVM's default trust store
 * @param clientCertificate PEM certificate chain this node shows a TLS agent (mTLS); with {@code
 *     clientKey}
 * @param clientKey PEM PKCS#8 private key of {@code clientCertificate}
 */
public record PushSettings(
    Duration healthEvery,
    Optional<Path> trustedCertificates,
    Optional<Path> clientCertificate,
    Optional<Path> clientKey) {
  public static final Duration DEFAULT_HEALTH_EVERY = Duration.ofSeconds(10);

  public static final PushSettings DEFAULTS =
      new PushSettings(DEFAULT_HEALTH_EVERY, Optional.empty(), Optional.empty(), Optional.empty());

  public PushSettings {
    Objects.requireNonNull(healthEvery, "healthEvery is null");
    Objects.requireNonNull(trustedCertificates, "trustedCertificates is null");
    Objects.requireNonNull(clientCertificate, "clientCertificate is null");
    Objects.requireNonNull(clientKey, "clientKey is null");
    if (healthEvery.isNegative() || healthEvery.isZero()) {
      throw new IllegalArgumentException(
          "the push health check interval must be positive, got " + healthEvery);
    }
    if (clientCertificate.isPresent() != clientKey.isPresent()) {
      throw new IllegalArgumentException(
          "a push client certificate and its key go together: give both or neither");
    }
  }

  public PushSettings withHealthEvery(Duration every) {
    return new PushSettings(every, trustedCertificates, clientCertificate, clientKey);
  }

  /** These TLS files, each optional (a certificate and its key together). */
  public PushSettings withTls(
      Optional<Path> trusted, Optional<Path> certificate, Optional<Path> key) {
    return new PushSettings(healthEvery, trusted, certificate, key);
  }
}

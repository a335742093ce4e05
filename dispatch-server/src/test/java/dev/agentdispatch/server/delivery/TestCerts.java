package dev.agentdispatch.server.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway PKI made with the machine's {@code openssl}: a CA, a server certificate for 127.0.0.1
 * and a client certificate, both signed by the CA, with PKCS#8 PEM keys.
 */
record TestCerts(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  static TestCerts make(Path dir) {
    Path ca = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca.key");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=dispatch-test-ca");
    TestCerts certs =
        new TestCerts(
            ca,
            dir.resolve("server.pem"),
            dir.resolve("server.key"),
            dir.resolve("client.pem"),
            dir.resolve("client.key"));
    signed(dir, "server", "subjectAltName=IP:127.0.0.1,DNS:localhost", ca, caKey);
    signed(dir, "client", "extendedKeyUsage=clientAuth", ca, caKey);
    return certs;
  }

  private static void signed(Path dir, String name, String extension, Path ca, Path caKey) {
    Path ext = dir.resolve(name + ".ext");
    try {
      Files.writeString(ext, extension + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    openssl(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        dir.resolve(name + ".key").toString(),
        "-out",
        dir.resolve(name + ".csr").toString(),
        "-subj",
        "/CN=" + name);
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        dir.resolve(name + ".csr").toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-out",
        dir.resolve(name + ".pem").toString(),
        "-days",
        "2",
        "-extfile",
        ext.toString());
  }

  /** The server side's SSL context: its certificate, trusting client certificates of the CA. */
  SSLContext serverContext(Path dir) {
    Path p12 = dir.resolve("server.p12");
    openssl(
        dir,
        "pkcs12",
        "-export",
        "-in",
        serverCert.toString(),
        "-inkey",
        serverKey.toString(),
        "-out",
        p12.toString(),
        "-passout",
        "pass:secret");
    try (InputStream in = Files.newInputStream(p12);
        InputStream caIn = Files.newInputStream(ca)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, "secret".toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "secret".toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(
          "ca",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(caIn));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed for the TLS tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

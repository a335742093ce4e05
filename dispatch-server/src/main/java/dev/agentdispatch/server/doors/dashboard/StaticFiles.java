package dev.agentdispatch.server.doors.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, read from the class path under one folder and kept in memory once read
 * (they are small and never change while the server runs). Only plain relative names of known types
 * are looked up, so a request can never reach another resource of the jar.
 */
final class StaticFiles {
  /** One file: its bytes, its content type and a strong validator for conditional requests. */
  record File(byte[] bytes, String contentType, String etag) {}

  /**
   * Segments of letters, digits, {@code -} and {@code _}, separated by single {@code /} or {@code
   * .}.
   */
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(?:[./][a-z0-9_-]+)*");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml");

  private final String root;
  private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

  /**
   * @param root the class-path folder the files live in, e.g. {@code dashboard}
   */
  StaticFiles(String root) {
    this.root = root;
  }

  /** The file at {@code name} (relative to the root), or empty if there is none of a known type. */
  Optional<File> find(String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    String ext = name.substring(name.lastIndexOf('.') + 1);
    String type = TYPES.get(ext);
    if (type == null) {
      return Optional.empty();
    }
    Optional<File> cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    // Only files that exist are kept: names anyone may ask for without a key never grow the cache.
    Optional<File> loaded = load(name, type);
    loaded.ifPresent(f -> cache.putIfAbsent(name, loaded));
    return loaded;
  }

  private Optional<File> load(String name, String type) {
    try (InputStream in =
        StaticFiles.class.getClassLoader().getResourceAsStream(root + "/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(new File(bytes, type, etag(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard file " + name, e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

package dev.agentdispatch.server.config;

import java.nio.file.Path;

/** The configuration file cannot be used; the message names the file and what is wrong in it. */
public final class ConfigFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ConfigFileException(Path file, String problem) {
    super("configuration file " + file + ": " + problem);
  }

  ConfigFileException(Path file, String problem, Throwable cause) {
    super("configuration file " + file + ": " + problem, cause);
  }
}

package dev.agentdispatch.server.config;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How the server writes its log: {@code text} for people at a terminal (the default), {@code json}
 * for log shippers, one object a line with the MDC (the ids of the work a line is about) as a
 * member.
 */
public enum LogFormat {
  TEXT("logback.xml"),
  JSON("logback-json.xml");

  private final String resource;

  LogFormat(String resource) {
    this.resource = resource;
  }

  /**
   * The format named {@code name} ({@code text} or {@code json}, any case).
   *
   * @throws IllegalArgumentException naming the choices, for any other name
   */
  public static LogFormat parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default ->
          throw new IllegalArgumentException("unknown log format '" + name + "': use text or json");
    };
  }

  /**
   * Makes this the format of every log line from now on. Logback configures itself from {@code
   * logback.xml} when the first logger is made, so a choice made on the command line replaces that
   * configuration here.
   */
  public void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: its own configuration rules
    }
    URL config = LogFormat.class.getClassLoader().getResource(resource);
    if (config == null) {
      throw new IllegalStateException(resource + " is missing from the server's classpath");
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging from " + resource, e);
    }
  }
}

package dev.agentdispatch.core.agent;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an agent's work reaches it (DESIGN §6): its workers pull leases, or the server pushes each
 * attempt to the agent's endpoint, over gRPC or HTTP.
 */
public sealed interface Delivery {
  /** The default: workers long-poll for leases. */
  Delivery PULL = new Pull();

  /** The wire name of the mode: {@code pull}, {@code grpc}, {@code http} or {@code a2a}. */
  String mode();

  /** Workers lease attempts over the API. */
  record Pull() implements Delivery {
    @Override
    public String mode() {
      return "pull";
    }
  }

  /**
   * The server calls {@code agentservice.v1.AgentService/Invoke} at {@code address} for each
   * attempt.
   *
   * @param address {@code host:port} of the agent's gRPC server
   * @param tls whether the agent's server speaks TLS; the server's push TLS settings say whom to
   *     trust and which client certificate to show
   */
  record Grpc(String address, boolean tls) implements Delivery {
    public Grpc {
      Objects.requireNonNull(address, "address is null");
      int colon = address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        throw new IllegalArgumentException("a gRPC address is host:port, got '" + address + "'");
      }
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65_535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "the port of gRPC address '" + address + "' must be 1 to 65535");
      }
    }

    /** A plaintext gRPC agent, as the dispatch_agents SDK's agents are. */
    public Grpc(String address) {
      this(address, false);
    }

    @Override
    public String mode() {
      return "grpc";
    }
  }

  /**
   * The server POSTs each attempt's lease to {@code url} and takes the response as the attempt's
   * result.
   *
   * @param url an absolute {@code http} or {@code https} URL with a host; {@code https} uses the
   *     server's push TLS settings
   */
  record Http(URI url) implements Delivery {
    public Http {
      Objects.requireNonNull(url, "url is null");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(
            "an HTTP delivery url must start with http:// or https://, got '" + url + "'");
      }
      if (url.getHost() == null || url.getHost().isEmpty()) {
        throw new IllegalArgumentException("the HTTP delivery url '" + url + "' has no host");
      }
      if (url.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "the HTTP delivery url '" + url + "' must not have a #fragment");
      }
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Http of(String url) {
      Objects.requireNonNull(url, "url is null");
      try {
        return new Http(new URI(url));
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage());
      }
    }

    /** Whether the agent is reached over TLS. */
    public boolean tls() {
      return url.getScheme().equalsIgnoreCase("https");
    }

    @Override
    public String mode() {
      return "http";
    }
  }

  /**
   * The server sends each attempt as an A2A message to the remote A2A agent whose card is at {@code
   * cardUrl}, and follows the task it answers with until it ends.
   *
   * @param cardUrl an absolute {@code http} or {@code https} URL of the agent card; {@code https}
   *     uses the server's push TLS settings
   * @param tokenEnv the environment variable of the server that holds the bearer token the remote
   *     agent requires ({@code Authorization: Bearer …} on every request to it); the token itself
   *     is never stored or shown, like an LLM provider's key
   */
  record A2a(URI cardUrl, Optional<String> tokenEnv) implements Delivery {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public A2a {
      // The same rules as an HTTP agent's URL: absolute http(s), a host, no fragment.
      new Http(cardUrl);
      Objects.requireNonNull(tokenEnv, "tokenEnv is null");
      tokenEnv.ifPresent(e -> {
        if (!ENV_NAME.matcher(e).matches()) {
          throw new IllegalArgumentException(
              "token_env must name an environment variable (letters, digits and '_', not"
                  + " starting with a digit), got '"
                  + e
                  + "'");
        }
      });
    }

    /** A remote agent that needs no token. */
    public A2a(URI cardUrl) {
      this(cardUrl, Optional.empty());
    }

    /**
     * Parses {@code cardUrl}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static A2a of(String cardUrl) {
      return new A2a(Http.of(cardUrl).url());
    }

    /**
     * Parses {@code cardUrl}, with the environment variable of its bearer token when not null.
     *
     * @throws IllegalArgumentException naming what is wrong with either
     */
    public static A2a of(String cardUrl, String tokenEnv) {
      return new A2a(Http.of(cardUrl).url(), Optional.ofNullable(tokenEnv));
    }

    @Override
    public String mode() {
      return "a2a";
    }
  }
}

package dev.agentdispatch.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the server is and who we are: shared by every client command. */
final class ClientOptions {
  @Option(
      names = "--server",
      description = "Server URL (env DISPATCH_URL; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_URL:-http://127.0.0.1:7070}")
  String server;

  @Option(
      names = {"-n", "--namespace"},
      description = "Namespace (env DISPATCH_NAMESPACE; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_NAMESPACE:-default}")
  String namespace;

  @Option(
      names = "--api-key",
      description = "API key (env DISPATCH_API_KEY); needed when the server requires auth.",
      defaultValue = "${env:DISPATCH_API_KEY}")
  String apiKey;

  @Option(names = "--json", description = "Print the server's JSON instead of a summary.")
  boolean json;

  ApiClient client() {
    return new ApiClient(server, namespace, Optional.ofNullable(apiKey).filter(k -> !k.isBlank()));
  }

  Output output() {
    return new Output(System.out, json);
  }
}

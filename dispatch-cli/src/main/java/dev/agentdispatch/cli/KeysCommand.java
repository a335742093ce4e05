package dev.agentdispatch.cli;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.agent.RateLimit;
import dev.agentdispatch.core.auth.ApiKey;
import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.store.facade.Store;
import dev.agentdispatch.store.open.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dispatch keys create|list|revoke}. These work on the database directly (like a database's
 * own admin tool), so the first admin key can be made before any key exists; the server sees
 * changes at once.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage API keys (works on the database directly).",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
  @Override
  public void run() {
    throw new CliException("say what to do: dispatch keys create|list|revoke (see --help)");
  }

  static final class DbOption {
    @Option(
        names = "--db",
        description = "Database URL (env DISPATCH_DB; default ${DEFAULT-VALUE}).",
        defaultValue = "${env:DISPATCH_DB:-sqlite:./data/dispatch.db}")
    String db;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key; its secret is shown once.")
  static final class Create implements Callable<Integer> {
    @picocli.CommandLine.Mixin DbOption db;

    @Option(names = "--role", required = true, description = "admin, worker, client or read.")
    String role;

    @Option(
        names = {"-n", "--namespace"},
        defaultValue = "default",
        description = "The namespace it may use, or * for all (default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--name", defaultValue = "", description = "A label to recognise it by.")
    String name;

    @Option(
        names = "--rate-limit",
        description =
            "At most this many invocations created with the key per --rate-period-seconds"
                + " (per namespace); over it they get 429, or with --throttle wait.")
    Integer rateLimit;

    @Option(
        names = "--rate-period-seconds",
        defaultValue = "60",
        description = "The period of --rate-limit (default ${DEFAULT-VALUE}).")
    int ratePeriodSeconds;

    @Option(names = "--rate-burst", description = "Tokens the bucket holds (default: the limit).")
    Integer rateBurst;

    @Option(names = "--throttle", description = "Delay invocations over the rate, not refuse them.")
    boolean throttle;

    @Option(
        names = "--agents",
        split = ",",
        description =
            "Limit the key to these agents (comma-separated): it registers, leases, completes and"
                + " writes memory for them only. Default: every agent of its namespace.")
    List<String> agents;

    @Override
    public Integer call() {
      Role r =
          Role.parse(role)
              .orElseThrow(() ->
                  new CliException(
                      "--role '" + role + "' is not one of admin, worker, client, read"));
      if (!namespace.equals(ApiKey.ALL_NAMESPACES)) {
        Names.require(namespace, "namespace");
      }
      Optional<RateLimit> rate = rate();
      String secret = KeySecrets.newSecret();
      ApiKey key =
          new ApiKey(
              Ids.uuid7(),
              name,
              KeySecrets.shownPrefix(secret),
              KeySecrets.hash(secret),
              namespace,
              r,
              Instant.now(),
              Optional.empty(),
              rate,
              agents());
      try (Store store = Stores.open(db.db)) {
        store.keys().insert(key);
      }
      System.out.println(secret);
      System.err.printf(
          "created %s key %s for namespace %s%s; the secret above is shown only once%n",
          r.wire(),
          key.id(),
          namespace,
          key.agents().isEmpty()
              ? ""
              : ", agents " + String.join(",", new TreeSet<>(key.agents())));
      return 0;
    }

    private Set<String> agents() {
      if (agents == null) {
        return Set.of();
      }
      for (String agent : agents) {
        if (!Names.valid(agent)) {
          throw new CliException("--agents: '" + agent + "' is not a valid agent name");
        }
      }
      return Set.copyOf(agents);
    }

    private Optional<RateLimit> rate() {
      if (rateLimit == null) {
        if (rateBurst != null || throttle) {
          throw new CliException("--rate-burst and --throttle need --rate-limit");
        }
        return Optional.empty();
      }
      try {
        return Optional.of(
            new RateLimit(
                rateLimit,
                Duration.ofSeconds(ratePeriodSeconds),
                rateBurst == null ? rateLimit : rateBurst,
                false,
                throttle ? RateLimit.Mode.THROTTLE : RateLimit.Mode.REJECT));
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @picocli.CommandLine.Mixin DbOption db;

    @Override
    public Integer call() {
      try (Store store = Stores.open(db.db)) {
        System.out.printf(
            "%-36s  %-14s  %-7s  %-12s  %-8s  %-14s  %-16s  %s%n",
            "ID", "PREFIX", "ROLE", "NAMESPACE", "STATE", "RATE", "AGENTS", "NAME");
        for (ApiKey k : store.keys().list()) {
          System.out.printf(
              "%-36s  %-14s  %-7s  %-12s  %-8s  %-14s  %-16s  %s%n",
              k.id(),
              k.prefix(),
              k.role().wire(),
              k.namespace(),
              k.active() ? "active" : "revoked",
              k.rateLimit()
                  .map(r ->
                      r.limit()
                          + "/"
                          + r.period().toSeconds()
                          + "s"
                          + (r.mode() == RateLimit.Mode.THROTTLE ? " thr" : ""))
                  .orElse("-"),
              k.agents().isEmpty() ? "*" : String.join(",", new TreeSet<>(k.agents())),
              k.name());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a key by id or prefix.")
  static final class Revoke implements Callable<Integer> {
    @picocli.CommandLine.Mixin DbOption db;

    @Parameters(index = "0", paramLabel = "ID_OR_PREFIX")
    String id;

    @Override
    public Integer call() {
      try (Store store = Stores.open(db.db)) {
        if (!store.keys().revoke(id, Instant.now())) {
          throw new CliException("no active key has id or prefix '" + id + "'");
        }
      }
      System.out.println("revoked " + id);
      return 0;
    }
  }
}

package dev.agentdispatch.server.app.llm.ledger;

import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.budgets.Months;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.llm.LlmCallQuery;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.LlmCallStore;
import dev.agentdispatch.store.llm.UsageGroupBy;
import dev.agentdispatch.store.llm.UsageRow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Answers "what did this cost": recorded calls, and their usage grouped over a time range. */
public final class UsageService {
  private final LlmCallStore calls;
  private final Clock clock;

  /**
   * Usage of {@code [from, to)} grouped by {@code groupBy}, and the total of every group.
   *
   * @param total its key is empty
   */
  public record Report(
      UsageGroupBy groupBy, Instant from, Instant to, List<UsageRow> groups, UsageRow total) {
    public Report {
      groups = List.copyOf(groups);
    }
  }

  public UsageService(LlmCallStore calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * @param groupBy agent, model, provider or day (default agent)
   * @param from an ISO-8601 time or a date (its start, UTC); default the start of this month
   * @param to exclusive, the same forms; default the start of next month
   */
  public Report usage(
      String namespace, Optional<String> groupBy, Optional<String> from, Optional<String> to) {
    UsageGroupBy by =
        groupBy
            .map(g ->
                WireEnum.parse(UsageGroupBy.class, g)
                    .orElseThrow(() ->
                        new ServiceException.Invalid(
                            "group_by must be one of "
                                + WireEnum.choices(UsageGroupBy.class)
                                + ", got '"
                                + g
                                + "'")))
            .orElse(UsageGroupBy.AGENT);
    YearMonth month = Months.of(clock.instant());
    Instant start =
        from.map(f -> time(f, "from"))
            .orElse(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    Instant end = to.map(t -> time(t, "to")).orElse(Months.resetsAt(month));
    if (!start.isBefore(end)) {
      throw new ServiceException.Invalid(
          "'from' (" + start + ") must be before 'to' (" + end + ")");
    }
    List<UsageRow> groups = calls.usage(namespace, by, start, end);
    return new Report(by, start, end, groups, total(groups));
  }

  /** Recorded calls, newest recorded first. */
  public Page<LlmCallRecord> calls(LlmCallQuery query) {
    return calls.list(query);
  }

  private static UsageRow total(List<UsageRow> groups) {
    long n = 0;
    long in = 0;
    long out = 0;
    long read = 0;
    long write = 0;
    long cost = 0;
    for (UsageRow g : groups) {
      n += g.calls();
      in += g.inputTokens();
      out += g.outputTokens();
      read += g.cacheReadTokens();
      write += g.cacheWriteTokens();
      cost += g.costMicros();
    }
    return new UsageRow(Optional.empty(), n, in, out, read, write, cost);
  }

  private static Instant time(String value, String field) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ServiceException.Invalid(
          "'"
              + field
              + "' must be a date (2026-11-01) or an ISO-8601 UTC time (2026-11-01T00:00:00Z), got '"
              + value
              + "'");
    }
  }
}

package dev.agentdispatch.store.llm;

import java.time.YearMonth;

/** A scope whose spend crossed its warning threshold with this call: the first time this month. */
public record Warned(String scope, YearMonth month, long spentMicros) {}

package dev.agentdispatch.runtime.otel;

/**
 * Attribute, metric and span-error names of the OpenTelemetry mapping (GenAI semantic conventions
 * plus the runtime's own {@code techrevati.*} and {@code agent.*} names, kept for parity with the
 * Python library). This class and {@link OtelMapping} need no OpenTelemetry on the class path; the
 * producer that uses them ({@link OtelSessionTelemetry}) does.
 */
public final class OtelAttributes {
  private OtelAttributes() {}

  public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
  public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
  public static final String GEN_AI_AGENT_NAME = "gen_ai.agent.name";
  public static final String GEN_AI_AGENT_ID = "gen_ai.agent.id";
  public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
  public static final String GEN_AI_RESPONSE_MODEL = "gen_ai.response.model";
  public static final String GEN_AI_TOOL_NAME = "gen_ai.tool.name";
  public static final String GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";

  /** Input tokens of a turn, cached ones included (as the GenAI conventions ask). */
  public static final String GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";

  public static final String GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
  public static final String GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      "gen_ai.usage.cache_creation.input_tokens";
  public static final String GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      "gen_ai.usage.cache_read.input_tokens";
  public static final String GEN_AI_TOKEN_TYPE = "gen_ai.token.type";
  public static final String GEN_AI_INPUT_MESSAGES = "gen_ai.input.messages";
  public static final String GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages";
  public static final String ERROR_TYPE = "error.type";
  public static final String PHASE = "techrevati.phase";
  public static final String DETAIL = "techrevati.detail";
  public static final String FAILURE_CLASS = "techrevati.failure_class";
  public static final String DATA_PREFIX = "techrevati.data.";

  /** The priced cost of a turn, in USD (span attribute). */
  public static final String COST_USD = "techrevati.cost.usd";

  public static final String AGENT_EVENT = "agent.event";
  public static final String AGENT_EVENT_STATUS = "agent.event.status";
  public static final String AGENT_EVENT_TIMESTAMP = "agent.event.timestamp";
  public static final String AGENT_ROLE = "agent.role";
  public static final String AGENT_PHASE = "agent.phase";
  public static final String AGENT_PROJECT_ID = "agent.project_id";
  public static final String AGENT_FAILURE_CLASS = "agent.failure_class";
  public static final String AGENT_DETAIL = "agent.detail";

  /** Metric names of the usage mapping. */
  public static final String METRIC_TOKEN_USAGE = "gen_ai.client.token.usage";

  public static final String METRIC_COST = "techrevati.cost.usd";

  /**
   * Tokens by the runtime's own classes ({@code gen_ai.token.type} input, output, cache_write,
   * cache_read, which do not overlap).
   */
  public static final String METRIC_TOKENS = "techrevati.tokens";

  /** {@code gen_ai.token.type} values. */
  public static final String TOKEN_INPUT = "input";

  public static final String TOKEN_OUTPUT = "output";
  public static final String TOKEN_CACHE_WRITE = "cache_write";
  public static final String TOKEN_CACHE_READ = "cache_read";

  /** {@code error.type} of a tool span still open when its session ended. */
  public static final String ERROR_TOOL_SPAN_INTERRUPTED = "tool_span_interrupted";

  /** {@code error.type} of a turn span still open when its session ended. */
  public static final String ERROR_TURN_SPAN_INTERRUPTED = "turn_span_interrupted";

  /** {@code error.type} of a span still open when the JVM shut down. */
  public static final String ERROR_ABRUPT_TERMINATION = "abrupt_termination";

  /** The instrumentation scope of the runtime's tracer and meter. */
  public static final String INSTRUMENTATION_SCOPE = "dev.agentdispatch.runtime";

  /** Operation names. */
  public static final String OP_CREATE_AGENT = "create_agent";

  public static final String OP_EXECUTE_TOOL = "execute_tool";
  public static final String OP_INVOKE_WORKFLOW = "invoke_workflow";
  public static final String OP_INVOKE_AGENT = "invoke_agent";

  /** The operation of a model turn. */
  public static final String OP_CHAT = "chat";

  /** Default provider name. */
  public static final String DEFAULT_PROVIDER_NAME = "techrevati";
}

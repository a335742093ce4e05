package dev.agentdispatch.runtime.otel;

/**
 * Attribute names of the OpenTelemetry mapping (GenAI semantic conventions plus the runtime's own
 * {@code techrevati.*} and {@code agent.*} names, kept for parity with the Python library). The
 * module has no OpenTelemetry dependency: {@link OtelMapping} produces plain maps that an exporter
 * copies onto spans.
 */
public final class OtelAttributes {
  private OtelAttributes() {}

  public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
  public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
  public static final String GEN_AI_AGENT_NAME = "gen_ai.agent.name";
  public static final String GEN_AI_AGENT_ID = "gen_ai.agent.id";
  public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
  public static final String GEN_AI_TOKEN_TYPE = "gen_ai.token.type";
  public static final String GEN_AI_INPUT_MESSAGES = "gen_ai.input.messages";
  public static final String GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages";
  public static final String ERROR_TYPE = "error.type";
  public static final String PHASE = "techrevati.phase";
  public static final String DETAIL = "techrevati.detail";
  public static final String FAILURE_CLASS = "techrevati.failure_class";
  public static final String DATA_PREFIX = "techrevati.data.";

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

  /** Operation names. */
  public static final String OP_CREATE_AGENT = "create_agent";

  public static final String OP_EXECUTE_TOOL = "execute_tool";
  public static final String OP_INVOKE_WORKFLOW = "invoke_workflow";
  public static final String OP_INVOKE_AGENT = "invoke_agent";

  /** Default provider name. */
  public static final String DEFAULT_PROVIDER_NAME = "techrevati";
}

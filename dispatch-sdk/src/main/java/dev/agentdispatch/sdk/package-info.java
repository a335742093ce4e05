/**
 * Java SDK for Agent Dispatch: a client for the native {@code /v1} HTTP API ({@link
 * dev.agentdispatch.sdk.client.DispatchClient}) and a worker that serves an agent's {@link
 * dev.agentdispatch.sdk.worker.Fn @Fn} methods ({@link dev.agentdispatch.sdk.worker.Worker}).
 *
 * <p>The SDK targets Java 17 and runs handlers on virtual threads when the JVM has them.
 */
package dev.agentdispatch.sdk;

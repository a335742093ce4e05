/**
 * The HTTP client for the native {@code /v1} API: {@link
 * dev.agentdispatch.sdk.client.DispatchClient} for callers, {@link
 * dev.agentdispatch.sdk.client.WorkerEndpoints} for workers, and the typed exceptions that API
 * errors become.
 */
package dev.agentdispatch.sdk.client;

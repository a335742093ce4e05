/**
 * Serving an agent: annotate methods with {@link dev.agentdispatch.sdk.worker.Fn @Fn}, hand the
 * object to a {@link dev.agentdispatch.sdk.worker.Worker}, and start it. Handlers may take a {@link
 * dev.agentdispatch.sdk.worker.Context} to reach ids, a streaming logger and child invocations.
 */
package dev.agentdispatch.sdk.worker;

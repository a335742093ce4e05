/**
 * Push delivery: the server leases the attempts of agents whose {@code delivery} is {@code grpc}
 * and calls {@code agentservice.v1.AgentService/Invoke} on them, the way the dispatch_agents SDK's
 * agents expect. It is a client of the application layer only ({@code WorkerService}, {@code
 * AgentService}), like a pull worker living inside the server; the application layer knows nothing
 * of it.
 */
package dev.agentdispatch.server.delivery;

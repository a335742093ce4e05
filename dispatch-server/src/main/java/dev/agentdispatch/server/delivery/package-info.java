/**
 * Push delivery: the server leases the attempts of agents whose {@code delivery} is {@code grpc} or
 * {@code http} and carries each to the agent: {@code agentservice.v1.AgentService/Invoke}, the way
 * the dispatch_agents SDK's agents expect, or a POST of the worker protocol's lease whose answer is
 * the worker protocol's result. It is a client of the application layer only ({@code
 * WorkerService}, {@code AgentService}) and of the shared worker-protocol JSON, like a pull worker
 * living inside the server; the application layer knows nothing of it.
 */
package dev.agentdispatch.server.delivery;

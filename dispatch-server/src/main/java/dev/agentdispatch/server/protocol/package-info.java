/**
 * The JSON of the worker protocol (DESIGN §5) that more than one side speaks: the lease a worker
 * receives and the result it reports. The {@code /v1} worker routes answer and read it, and HTTP
 * push delivery sends the same lease to an agent and reads the same result back, so an agent
 * written for one works with the other. Depends on the application layer, never on a door.
 */
package dev.agentdispatch.server.protocol;

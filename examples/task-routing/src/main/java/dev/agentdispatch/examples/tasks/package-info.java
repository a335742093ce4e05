/**
 * Example: two agents with different capabilities and a stream of tasks routed between them
 * (docs/task-routing.md).
 */
package dev.agentdispatch.examples.tasks;

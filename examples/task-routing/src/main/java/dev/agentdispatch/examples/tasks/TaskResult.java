package dev.agentdispatch.examples.tasks;

/**
 * What an agent answers for a task: its result completes the task.
 *
 * @param agent who did it
 * @param summary what it did
 */
public record TaskResult(String agent, String summary) {}

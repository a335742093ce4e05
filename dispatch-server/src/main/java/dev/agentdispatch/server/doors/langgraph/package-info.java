/**
 * The LangGraph Platform API door at {@code /langgraph/{ns}}: assistants over callable functions,
 * threads over sessions, runs over session inputs and the invocations they start or resume.
 */
package dev.agentdispatch.server.doors.langgraph;

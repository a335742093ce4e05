/** JSON mapping shared by the client and the worker: one wire mapper, one payload mapper. */
package dev.agentdispatch.sdk.json;

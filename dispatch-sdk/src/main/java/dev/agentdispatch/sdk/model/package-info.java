/**
 * Records for the bodies of the native HTTP API. Field names map to snake_case on the wire; unknown
 * fields are ignored so newer servers do not break older SDKs.
 */
package dev.agentdispatch.sdk.model;

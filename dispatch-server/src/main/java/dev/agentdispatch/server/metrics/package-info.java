/**
 * Metrics: the meters every part of a node records into (Micrometer), what they mean, and how they
 * leave the node (Prometheus text at {@code GET /metrics}, OTLP when configured). Depends on the
 * store and core only, so every layer may record into it.
 */
package dev.agentdispatch.server.metrics;

/** A small example agent built with the SDK: greets people, and fails on purpose to show errors. */
package dev.agentdispatch.examples.greeter;

/**
 * A conversational example agent built with the SDK: one session function whose input text picks
 * what it does (work for a while, wait for an approval, or answer at once).
 */
package dev.agentdispatch.examples.chat;

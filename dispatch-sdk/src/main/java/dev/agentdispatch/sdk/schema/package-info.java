/** JSON Schema (draft 2020-12) generation from the records that functions take and return. */
package dev.agentdispatch.sdk.schema;

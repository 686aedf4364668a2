/**
 * The OpenAI Chat Completions wire format as records: the request anyclaude sends ({@link
 * dev.anyclaude.plugins.openai.wire.ChatRequest}), the non-streamed answer ({@link
 * dev.anyclaude.plugins.openai.wire.ChatResponse}), the stream chunk ({@link
 * dev.anyclaude.plugins.openai.wire.ChatChunk}) and the error object, with their codec ({@link
 * dev.anyclaude.plugins.openai.wire.OpenAiJson}). Read records tolerate unknown fields, nulls and the known
 * server deviations (arguments as objects, errors as strings).
 */
package dev.anyclaude.plugins.openai.wire;

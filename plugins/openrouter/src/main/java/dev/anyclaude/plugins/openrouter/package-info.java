/**
 * Backend type {@code openrouter}: OpenRouter through the {@code openai} plugin's translation, which this plugin
 * reaches as a PF4J plugin dependency ({@code Plugin-Dependencies: openai}); it adds the attribution headers,
 * OpenRouter's routing, reasoning and usage fields, and explanations of OpenRouter's errors.
 */
package dev.anyclaude.plugins.openrouter;

/**
 * The one Anthropic Messages &lt;-&gt; OpenAI Chat Completions translation, shared by every OpenAI-style backend:
 * {@link dev.anyclaude.plugins.openai.translate.RequestTranslator} for requests,
 * {@link dev.anyclaude.plugins.openai.translate.StreamTranslator} (and
 * {@link dev.anyclaude.plugins.openai.translate.ResponseTranslator}) for answers,
 * {@link dev.anyclaude.plugins.openai.translate.ErrorTranslator} for failures, all configured by
 * {@link dev.anyclaude.plugins.openai.translate.TranslationOptions}. No I/O happens here.
 */
package dev.anyclaude.plugins.openai.translate;

package dev.anyclaude.api;

/**
 * The proxy's JSON codec, configured for the records in {@code dev.anyclaude.api.model} (string-or-blocks
 * content, unknown fields kept, nulls omitted). Plugins use it rather than a mapper of their own so every plugin
 * reads and writes the protocol the same way. Thread-safe.
 */
public interface JsonCodec {

    /** The value as UTF-8 JSON bytes. */
    byte[] write(Object value);

    /**
     * Reads JSON into a value of this type.
     *
     * @throws AnthropicException 400 {@code invalid_request_error} naming the offending field when the JSON is
     *                            malformed or does not fit the type
     */
    <T> T read(byte[] json, Class<T> type);

    /**
     * Converts a value already in memory (for example a config block read as maps) into this type.
     *
     * @throws IllegalArgumentException naming the offending field when it does not fit
     */
    <T> T convert(Object value, Class<T> type);
}

package dev.anyclaude.core.observe;

/**
 * What a backend's tokens cost, in US dollars per million tokens ({@code "price"} in a backend entry). Tokens
 * read from or written to the provider's prompt cache are priced as input unless their own price is given.
 */
public record Price(double inputPerMTok, double outputPerMTok, double cacheReadPerMTok, double cacheWritePerMTok) {

    /** The estimated cost of one answer's tokens, in US dollars. */
    public double cost(CompletedRequest request) {
        return (request.inputTokens() * inputPerMTok + request.outputTokens() * outputPerMTok
                + request.cacheReadTokens() * cacheReadPerMTok + request.cacheWriteTokens() * cacheWritePerMTok) / 1_000_000;
    }
}

package dev.anyclaude.plugins.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.TreeMap;

/**
 * Computes the {@link CacheKey} of a Messages call: SHA-256 over, each part length-prefixed,
 * <ol>
 *   <li>the key format version ({@value #VERSION});</li>
 *   <li>the tenant: SHA-256 of the client's {@code x-api-key} and {@code Authorization} ({@link #tenant});</li>
 *   <li>the backend entry's name and the model the call asks it for ({@link Call#model()});</li>
 *   <li>the {@code anthropic-beta} flags, split, trimmed, sorted;</li>
 *   <li>the request body in canonical JSON: object keys sorted, numbers in their shortest decimal form
 *       ({@code 1.0} = {@code 1}), a string {@code content} or {@code system} written as one text block, and
 *       without the fields that do not change the answer: {@code model} (item 3 has it), {@code stream},
 *       {@code metadata}, {@code service_tier}, every {@code cache_control} marker on the system, message,
 *       tool-result and tool levels, and Claude Code's {@code x-anthropic-billing-header:} system block.</li>
 * </ol>
 * Everything else that shapes the answer is in: {@code system}, {@code messages}, {@code tools} (in their
 * order), {@code tool_choice}, {@code max_tokens}, {@code temperature}, {@code top_p}, {@code top_k},
 * {@code stop_sequences}, {@code thinking}, {@code output_config}, {@code context_management} and any field
 * newer than the plugin API.
 *
 * <p>Thread-safe. The body is read once, token by token, into its canonical bytes ({@link CanonicalRequest}), which
 * go into the digest.
 */
public final class CacheKeys {
    /** Bumped whenever the canonical form changes, so old entries are never served for a new meaning. */
    public static final String VERSION = "anyclaude.cache.v1";

    private static final JsonFactory FACTORY = new JsonFactory();
    static final String BILLING_PREFIX = "x-anthropic-billing-header:";

    private static final MessageDigest SHA_256 = newSha256();

    private final JsonFactory factory;
    private final JsonCodec json;
    private volatile Tenant lastTenant;
    private volatile Betas lastBetas;

    /**
     * @param mapper its parser factory reads the body (any default mapper; its read constraints apply)
     * @param json   writes a request that a middleware changed, which has no raw body any more
     */
    public CacheKeys(ObjectMapper mapper, JsonCodec json) {
        this.factory = mapper.getFactory();
        this.json = json;
    }

    /**
     * The key of this call.
     *
     * @throws AnthropicException 400 when the body is not JSON
     */
    public CacheKey keyOf(Call call) {
        byte[] body = call.rawBody().orElseGet(() -> json.write(call.request()));
        CanonicalRequest canonical;
        try {
            canonical = CanonicalRequest.of(factory, body);
        } catch (IOException e) {
            throw AnthropicException.invalidRequest("malformed JSON: " + e.getMessage());
        }
        if (canonical == null) {
            throw AnthropicException.invalidRequest("the body must be a JSON object");
        }
        MessageDigest digest = sha256();
        part(digest, VERSION);
        part(digest, tenantOf(call.headers()));
        part(digest, call.backend());
        part(digest, call.model());
        part(digest, betasOf(call.headers()));
        canonical.digestInto(digest);
        return CacheKey.of(digest.digest());
    }

    /**
     * The tenant of these headers, remembered for the credentials seen last: a proxy mostly serves one user, whose
     * tenant would otherwise cost a digest and its hex on every call.
     */
    private String tenantOf(HttpHeaders headers) {
        String apiKey = joined(headers, "x-api-key");
        String authorization = joined(headers, "authorization");
        Tenant last = lastTenant;
        if (last != null && sameSecret(last.apiKey, apiKey) & sameSecret(last.authorization, authorization)) {
            return last.hash;
        }
        String hash = tenant(apiKey, authorization);
        lastTenant = new Tenant(apiKey, authorization, hash);
        return hash;
    }

    /** Whether two credentials are equal, in a time that does not depend on where they first differ. */
    private static boolean sameSecret(String known, String given) {
        if (known.length() != given.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < known.length(); i++) {
            difference |= known.charAt(i) ^ given.charAt(i);
        }
        return difference == 0;
    }

    /** The credentials seen last and their tenant; kept in memory only, as the call's own headers are. */
    private record Tenant(String apiKey, String authorization, String hash) {
    }

    /** The sorted beta flags of these headers, remembered for the header value seen last (Claude Code's are fixed). */
    private String betasOf(HttpHeaders headers) {
        String value = joined(headers, "anthropic-beta");
        Betas last = lastBetas;
        if (last != null && last.value.equals(value)) {
            return last.sorted;
        }
        String sorted = betas(value);
        lastBetas = new Betas(value, sorted);
        return sorted;
    }

    private record Betas(String value, String sorted) {
    }

    private static String joined(HttpHeaders headers, String name) {
        List<String> values = headers.allValues(name);
        return values.size() == 1 ? values.getFirst() : String.join(",", values);
    }

    /**
     * The tenant a call belongs to: hex SHA-256 over its {@code x-api-key} and {@code Authorization} values
     * ({@code "anonymous"} hashed the same way when there are none). Answers are never shared across tenants.
     */
    public static String tenant(HttpHeaders headers) {
        return tenant(joined(headers, "x-api-key"), joined(headers, "authorization"));
    }

    private static String tenant(String apiKey, String authorization) {
        MessageDigest digest = sha256();
        part(digest, "tenant");
        part(digest, apiKey);
        part(digest, authorization);
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** The flags of the {@code anthropic-beta} values joined by commas: split, trimmed, sorted, once each. */
    private static String betas(String joined) {
        TreeMap<String, Boolean> sorted = new TreeMap<>();
        for (String flag : joined.split(",")) {
            if (!flag.isBlank()) {
                sorted.put(flag.trim(), true);
            }
        }
        return String.join(",", sorted.keySet());
    }

    /** The canonical bytes of a request body (see the class comment), for tests and for reading what is keyed. */
    static String canonical(ObjectNode request) {
        try {
            // written by Jackson, whose escapes keep an unpaired surrogate that getBytes would turn into '?'
            return CanonicalRequest.of(FACTORY, new ObjectMapper(FACTORY).writeValueAsBytes(request)).text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void part(MessageDigest digest, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(bytes);
    }

    /** A fresh SHA-256: a copy of one never used, which skips the provider lookup of {@code getInstance}. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

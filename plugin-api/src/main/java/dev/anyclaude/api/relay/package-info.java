/**
 * The fast path: how a backend (and a middleware) says up front what it does for a Messages call, so that the proxy
 * can send the upstream request and relay or translate the answer itself, on its IO threads, without a thread per
 * call and without blocking. See {@link dev.anyclaude.api.Backend#relay} and
 * {@link dev.anyclaude.api.Middleware#onRelay}. Everything here is called on an IO thread: never block, never do
 * I/O.
 */
package dev.anyclaude.api.relay;

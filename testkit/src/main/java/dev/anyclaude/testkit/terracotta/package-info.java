/**
 * A real Terracotta server, from the Ehcache clustered kit that the integration-tests build unpacks, for tests of
 * the cache's clustered tier.
 *
 * <ul>
 *   <li>{@link dev.anyclaude.testkit.terracotta.TerracottaKit}: where the kit is and which JDK runs it.</li>
 *   <li>{@link dev.anyclaude.testkit.terracotta.TerracottaServer}: one server as a child process on free loopback
 *       ports, started, awaited until active, stopped with its whole process tree, restarted.</li>
 * </ul>
 */
package dev.anyclaude.testkit.terracotta;

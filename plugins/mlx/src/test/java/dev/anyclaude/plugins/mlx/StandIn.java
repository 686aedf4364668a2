package dev.anyclaude.plugins.mlx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stand-in mlx_lm.server from the test resources, as an executable file in a temporary folder. */
final class StandIn {
    final Path dir;
    final Path executable;

    StandIn() {
        try {
            dir = Files.createTempDirectory("mlx-standin");
            executable = dir.resolve("mlx_lm.server");
            try (InputStream in = StandIn.class.getResourceAsStream("/standin/mlx_lm.server")) {
                Files.copy(in, executable);
            }
            Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A config launching the stand-in with these extra args (its state goes to {@link #dir}). */
    MlxConfig config(int port, int startupSeconds, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--standin-state", dir.toString()));
        args.addAll(List.of(extraArgs));
        return new MlxConfig(port, null, null, "mlx-community/Test-4bit", null, List.of(executable.toString()), args,
                true, startupSeconds, null, null, null, null, null, null, null, null);
    }

    /** The pids the stand-ins wrote: each server, then its children. */
    List<Long> pids() {
        return lines("pids").stream().map(Long::parseLong).toList();
    }

    /** The request bodies the stand-ins received, one JSON text each. */
    List<String> requests() {
        return lines("requests.jsonl");
    }

    private List<String> lines(String file) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path).stream().filter(s -> !s.isBlank()).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}

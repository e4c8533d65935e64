package dev.secrets.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 for tests, from the Debian binaries ({@code apt-get install postgresql}), in a folder the
 * test owns, on a free loopback port, with SCRAM password logins over TCP and {@code log_statement=all} (so tests
 * can check what reaches the server log). Runs as the {@code postgres} user when the tests run as root. Start one
 * per test class; {@link #close()} stops it.
 */
public final class PostgresServer implements AutoCloseable {
    /** Where Debian installs the server binaries. */
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String OS_USER = "postgres";
    private final Path data;
    private final Path log;
    private final int port;
    private final String superPassword;
    private final Process process;

    private PostgresServer(Path data, Path log, int port, String superPassword, Process process) {
        this.data = data;
        this.log = log;
        this.port = port;
        this.superPassword = superPassword;
        this.process = process;
    }

    /** True when the binaries are installed. */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("postgres"));
    }

    /** Initialises a cluster under {@code folder} and starts it; waits until it accepts logins. */
    public static PostgresServer start(Path folder) throws IOException, InterruptedException {
        ServerProcesses.allowTraverse(folder);
        Path data = Files.createDirectory(folder.resolve("pgdata"));
        Path socket = Files.createDirectory(folder.resolve("pgsock"));
        Path pwfile = folder.resolve("pgpass");
        String superPassword = "super-" + Long.toHexString(System.nanoTime());
        Files.writeString(pwfile, superPassword, StandardCharsets.UTF_8);
        for (Path p : List.of(data, socket, pwfile)) {
            ServerProcesses.giveTo(p, OS_USER);
        }
        Path log = folder.resolve("postgres.log");
        ServerProcesses.runOrFail(ServerProcesses.asUser(OS_USER, BIN.resolve("initdb").toString(), "-D",
                data.toString(), "-U", "postgres", "--pwfile=" + pwfile, "--auth-host=scram-sha-256",
                "--auth-local=trust", "--no-sync", "-E", "UTF8", "--locale=C"), log);
        int port = ServerProcesses.freePort();
        Process process = new ProcessBuilder(ServerProcesses.asUser(OS_USER, BIN.resolve("postgres").toString(),
                "-D", data.toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + socket, "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "log_statement=all", "-c", "shared_buffers=16MB"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        PostgresServer server = new PostgresServer(data, log, port, superPassword, process);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                connect("postgres", superPassword).close();
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start:\n" + Files.readString(log), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The loopback address it listens on. */
    public String host() {
        return "127.0.0.1";
    }

    /** Its TCP port. */
    public int port() {
        return port;
    }

    /** The superuser's name. */
    public String superuser() {
        return "postgres";
    }

    /** The superuser's password. */
    public String superPassword() {
        return superPassword;
    }

    /** A connection to database {@code postgres} as {@code user}. */
    public Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /** True when {@code user} logs in with {@code password}; false when the password is refused (28P01). */
    public boolean canLogin(String user, String password) throws SQLException {
        try {
            connect(user, password).close();
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Runs {@code sql} as the superuser. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect("postgres", superPassword); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Everything the server logged so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            ServerProcesses.runOrFail(ServerProcesses.asUser(OS_USER, BIN.resolve("pg_ctl").toString(), "-D",
                    data.toString(), "-m", "immediate", "-w", "stop"), log);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

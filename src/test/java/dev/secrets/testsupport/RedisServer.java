package dev.secrets.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for tests, from the Debian binary ({@code apt-get install redis-server}), with a config file in a
 * folder the test owns, a free loopback port, no persistence, and {@code requirepass} set to a given password.
 * {@link #stop()} and {@link #start()} restart it on the same port with the same (possibly rewritten) config.
 */
public final class RedisServer implements AutoCloseable {
    /** Where Debian installs the server. */
    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private RedisServer(Path config, Path log, int port) {
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /** True when the binary is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Writes a config under {@code folder} with {@code password} for the default user and starts the server. */
    public static RedisServer start(Path folder, String password) throws IOException, InterruptedException {
        int port = ServerProcesses.freePort();
        Path config = folder.resolve("redis.conf");
        Files.writeString(config, "port " + port + "\nbind 127.0.0.1\nsave \"\"\nappendonly no\ndir " + folder
                + "\nrequirepass " + password + "\n", StandardCharsets.UTF_8);
        RedisServer server = new RedisServer(config, folder.resolve("redis.log"), port);
        server.start();
        return server;
    }

    /**
     * As {@link #start(Path, String)}, but speaking TLS only ({@code port 0}, {@code tls-port}): the server presents
     * {@code certFile}/{@code keyFile} (PEM) and does not ask clients for certificates. {@link #port()} is the TLS
     * port; {@link #command} and {@link #canAuth} (plain sockets) do not work on it.
     */
    public static RedisServer startTls(Path folder, String password, Path certFile, Path keyFile, Path caFile)
            throws IOException, InterruptedException {
        int port = ServerProcesses.freePort();
        Path config = folder.resolve("redis.conf");
        Files.writeString(config, "port 0\ntls-port " + port + "\nbind 127.0.0.1\nsave \"\"\nappendonly no\ndir "
                + folder + "\nrequirepass " + password + "\ntls-cert-file " + certFile + "\ntls-key-file " + keyFile
                + "\ntls-ca-cert-file " + caFile + "\ntls-auth-clients no\n", StandardCharsets.UTF_8);
        RedisServer server = new RedisServer(config, folder.resolve("redis.log"), port);
        server.start();
        return server;
    }

    /** Starts (again) from the config file and waits until it answers. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(BINARY.toString(), config.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Redis did not start:\n" + Files.readString(log), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops the server (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Its loopback address. */
    public String host() {
        return "127.0.0.1";
    }

    /** Its TCP port. */
    public int port() {
        return port;
    }

    /** Runs one command as the default user authenticated with {@code password}; returns the first reply line. */
    public String command(String password, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(resp("AUTH", "default", password));
            out.write(resp(args));
            out.flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String auth = in.readLine();
            if (!"+OK".equals(auth)) {
                throw new IOException("AUTH failed: " + auth);
            }
            return in.readLine();
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder b = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            b.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code AUTH user password} succeeds; false when Redis answers WRONGPASS. */
    public boolean canAuth(String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            String command = "*3\r\n$4\r\nAUTH\r\n$" + user.length() + "\r\n" + user + "\r\n$"
                    + password.getBytes(StandardCharsets.UTF_8).length + "\r\n" + password + "\r\n";
            out.write(command.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first == '+') {
                return true;
            }
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 200; b = in.read()) {
                line.append((char) b);
            }
            String rest = line.toString();
            if (first == '-' && rest.startsWith("WRONGPASS")) {
                return false;
            }
            throw new IOException("unexpected AUTH reply: " + (char) first + rest);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

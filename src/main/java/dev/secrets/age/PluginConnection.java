package dev.secrets.age;

import dev.secrets.keys.KeyException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One run of {@code age-plugin-NAME --age-plugin=STATE_MACHINE}: stanza-framed messages on its stdin and stdout
 * (C2SP age-plugin). Everything the plugin sends is checked against the framing rules and bounded in size; a
 * plugin that exits, sends garbage or stays silent past the time-out fails with
 * {@link KeyException.PluginFailed}. Its stderr is passed through to ours (plugins print their own diagnostics).
 */
final class PluginConnection implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[a-z0-9._+-]+");
    private static final Pattern ARGUMENT = Pattern.compile("[\\x21-\\x7e]+");
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_MESSAGE = 1 << 20;
    private static final Object END = new Object();

    private final String program;
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<Object> received = new ArrayBlockingQueue<>(64);
    private final long timeoutMillis;

    /** One framed message: a command, its arguments and its body. */
    record Message(String command, List<String> arguments, byte[] body) {
    }

    private PluginConnection(String program, Process process, long timeoutMillis) {
        this.program = program;
        this.process = process;
        this.in = new BufferedOutputStream(process.getOutputStream());
        this.timeoutMillis = timeoutMillis;
        Thread reader = new Thread(this::readLoop, program + " stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** True for a valid plugin name (what follows {@code age-plugin-}). */
    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Starts {@code age-plugin-NAME} from the installed environment's {@code PATH}.
     *
     * @param what names the key in messages, e.g. {@code recipient [age1yubikey1...]}
     * @throws KeyException.PluginNotFound when no such program is on {@code PATH}
     */
    static PluginConnection start(String name, String stateMachine, String what) throws KeyException {
        String program = "age-plugin-" + name;
        Path executable = find(program);
        if (executable == null) {
            throw new KeyException.PluginNotFound("age plugin [" + program + "] for " + what + " is not on PATH",
                    "install the plugin (its name is " + program + ") or use another identity");
        }
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--age-plugin=" + stateMachine)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(AgePlugins.environment().variables());
        builder.directory(AgePlugins.environment().workingDirectory().toFile());
        try {
            return new PluginConnection(program, builder.start(), AgePlugins.timeoutMillis());
        } catch (IOException e) {
            throw new KeyException.PluginFailed("age plugin [" + program + "] could not be started: "
                    + dev.secrets.io.StartFailures.describe(e), null, null);
        }
    }

    String program() {
        return program;
    }

    /** Sends one message. */
    void send(String command, List<String> arguments, byte[] body) throws KeyException {
        StringBuilder header = new StringBuilder("-> ").append(command);
        arguments.forEach(argument -> header.append(' ').append(argument));
        header.append('\n');
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(body);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i <= encoded.length(); i += 64) {
            lines.append(encoded, i, Math.min(encoded.length(), i + 64)).append('\n');
            if (i + 64 > encoded.length()) {
                break;
            }
        }
        try {
            in.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            in.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            throw failed("stopped reading its input");
        }
    }

    /** The next message from the plugin, within the time-out. */
    Message receive() throws KeyException {
        Object next;
        try {
            next = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("was interrupted");
        }
        if (next == null) {
            throw failed("sent nothing for " + timeoutMillis / 1000 + " seconds (time-out; set "
                    + AgePlugins.TIMEOUT_VARIABLE + " to wait longer)");
        }
        if (next instanceof Message message) {
            return message;
        }
        if (next instanceof KeyException e) {
            throw e;
        }
        throw failed(exitDescription());
    }

    KeyException.PluginFailed failed(String what) {
        return new KeyException.PluginFailed("age plugin [" + program + "] " + what, null, null);
    }

    KeyException.PluginFailed brokeProtocol(String what) {
        return failed("broke the age plugin protocol: " + what);
    }

    private String exitDescription() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "exited with status " + process.exitValue() + " before finishing";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "closed its output before finishing";
    }

    private void readLoop() {
        try (InputStream out = process.getInputStream()) {
            while (true) {
                String header = readLine(out);
                if (header == null) {
                    break;
                }
                received.put(parse(header, out));
            }
            received.put(END);
        } catch (KeyException e) {
            offer(e);
        } catch (IOException e) {
            offer(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(Object item) {
        received.offer(item);
    }

    private Message parse(String header, InputStream out) throws IOException, KeyException {
        if (!header.startsWith("-> ")) {
            throw brokeProtocol("a line that is not a stanza header");
        }
        String[] words = header.substring(3).split(" ", -1);
        for (String word : words) {
            if (!ARGUMENT.matcher(word).matches()) {
                throw brokeProtocol("a malformed stanza header");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(out);
            if (line == null) {
                throw brokeProtocol("a message cut off in its body");
            }
            if (line.length() > 64) {
                throw brokeProtocol("a body line longer than 64 columns");
            }
            byte[] decoded = SshEd25519StanzaReader.decode(line);
            if (decoded == null) {
                throw brokeProtocol("a body that is not canonical base64");
            }
            body.write(decoded);
            if (body.size() > MAX_MESSAGE) {
                throw brokeProtocol("a message larger than " + MAX_MESSAGE + " bytes");
            }
            if (line.length() < 64) {
                break;
            }
        }
        return new Message(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)), body.toByteArray());
    }

    private String readLine(InputStream out) throws IOException, KeyException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = out.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw brokeProtocol("a line without its end");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            if (line.size() >= MAX_LINE) {
                throw brokeProtocol("a line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static Path find(String program) {
        String path = AgePlugins.environment().get("PATH").orElse("");
        List<String> folders = new ArrayList<>(Arrays.asList(path.split(java.io.File.pathSeparator)));
        for (String folder : folders) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Stops the plugin (it has done its part, or failed). */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // it may be gone already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

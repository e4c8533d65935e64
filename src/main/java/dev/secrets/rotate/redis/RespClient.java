package dev.secrets.rotate.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client over a plain socket: sends a command as an array of bulk strings and reads one reply.
 * Enough for AUTH, ACL and CONFIG; replies are bounded (1 MiB) and every read has a time limit.
 */
final class RespClient implements Closeable {
    private static final int MAX_REPLY = 1024 * 1024;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A reply: simple string, error, integer, bulk (null for nil) or array. */
    record Reply(Kind kind, String text, List<Reply> items) {
        enum Kind { SIMPLE, ERROR, INTEGER, BULK, NIL, ARRAY }

        boolean isError() {
            return kind == Kind.ERROR;
        }

        /** The first word of an error (WRONGPASS, NOAUTH, ERR, ...). */
        String errorCode() {
            int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        }
    }

    RespClient(String host, int port, boolean tls, int timeoutMillis) throws IOException {
        this(host, port, tls, java.util.Optional.empty(), timeoutMillis);
    }

    /** As above; with TLS, {@code caFile} (PEM certificates) replaces the JDK's trust store when present. */
    RespClient(String host, int port, boolean tls, java.util.Optional<java.nio.file.Path> caFile, int timeoutMillis)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            socket = tls ? tls(plain, host, port, caFile) : plain;
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    /**
     * TLS over {@code plain} ({@code rediss://}) with the host name check, trusting {@code caFile}'s certificates
     * when given, else the JDK's trust store.
     */
    private static Socket tls(Socket plain, String host, int port, java.util.Optional<java.nio.file.Path> caFile)
            throws IOException {
        javax.net.ssl.SSLSocketFactory factory = caFile.isPresent() ? trusting(caFile.get())
                : (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault();
        javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) factory.createSocket(plain, host, port, true);
        javax.net.ssl.SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    private static javax.net.ssl.SSLSocketFactory trusting(java.nio.file.Path caFile) throws IOException {
        try (java.io.InputStream pem = new java.io.ByteArrayInputStream(dev.secrets.io.BoundedFiles.read(caFile,
                dev.secrets.io.BoundedFiles.MAX_SMALL_FILE))) {
            java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate certificate : java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IOException("the ssl_ca_certs file holds no certificate");
            }
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot use the ssl_ca_certs file: " + e.getMessage(), e);
        }
    }

    /** Sends one command (each argument as raw bytes) and returns its reply. The caller wipes its arguments. */
    Reply call(byte[]... arguments) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] argument : arguments) {
            request.writeBytes(("$" + argument.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(argument);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = request.toByteArray();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        return read(0);
    }

    /** A command made of text arguments (no secrets). */
    Reply call(String... arguments) throws IOException {
        byte[][] raw = new byte[arguments.length][];
        for (int i = 0; i < arguments.length; i++) {
            raw[i] = arguments[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(raw);
    }

    private Reply read(int depth) throws IOException {
        if (depth > 8) {
            throw new IOException("Redis reply nested too deeply");
        }
        int type = in.read();
        if (type < 0) {
            throw new IOException("Redis closed the connection");
        }
        String line = line();
        switch (type) {
            case '+':
                return new Reply(Reply.Kind.SIMPLE, line, List.of());
            case '-':
                return new Reply(Reply.Kind.ERROR, line, List.of());
            case ':':
                return new Reply(Reply.Kind.INTEGER, line, List.of());
            case '$': {
                int length = parseLength(line);
                if (length < 0) {
                    return new Reply(Reply.Kind.NIL, null, List.of());
                }
                byte[] data = in.readNBytes(length + 2);
                if (data.length != length + 2) {
                    throw new IOException("Redis reply was cut short");
                }
                return new Reply(Reply.Kind.BULK, new String(data, 0, length, StandardCharsets.UTF_8), List.of());
            }
            case '*': {
                int count = parseLength(line);
                List<Reply> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(depth + 1));
                }
                return new Reply(Reply.Kind.ARRAY, null, items);
            }
            default:
                throw new IOException("not a Redis reply (type byte " + type + ")");
        }
    }

    private int parseLength(String line) throws IOException {
        try {
            int n = Integer.parseInt(line);
            if (n > MAX_REPLY) {
                throw new IOException("Redis reply too large");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Redis reply length");
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = buffer.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            if (buffer.size() > 64 * 1024) {
                throw new IOException("Redis reply line too long");
            }
            buffer.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

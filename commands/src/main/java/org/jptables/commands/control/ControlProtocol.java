package org.jptables.commands.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live daemon's control protocol, on a Unix-domain stream socket: one request and one response
 * per connection, each a frame; the daemon closes the connection after its response.
 *
 * <pre>
 * frame    = length:u32 body               length: the body's bytes, at most {@link #MAX_FRAME} (256 MiB)
 * request  = magic:u32 version:u8 kind:u8 args:list env:map outCharset:text errCharset:text stdin:bytes
 * response = magic:u32 version:u8 status:i32 stdout:bytes stderr:bytes
 * list     = count:u32 text*
 * map      = count:u32 (name:text value:text)*
 * text     = bytes                        in UTF-8
 * bytes    = length:u32 byte*
 * </pre>
 *
 * Integers are big-endian; {@code magic} is "JPTC", {@code version} 1; {@code kind} is a {@link ControlKind}'s
 * code. A request the daemon cannot serve (too large, malformed, from a user it does not serve) still gets
 * a response: its one-line reason on stderr and status {@link ControlResponse#DAEMON_PROBLEM}. Every
 * length is checked against what is left of its frame, so a bad frame is refused rather than allocated.
 */
public final class ControlProtocol {
    /** The largest frame either side sends or accepts: a restore of 256 MiB is far beyond any real ruleset. */
    public static final int MAX_FRAME = 256 << 20;

    /** How long a client waits for the daemon's answer, and the daemon for a client's request. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The {@code JPTABLES_*} variables a client does not pass on: the daemon has its own home, state,
     * plugins and socket, and runs its commands on the live ruleset, never offline.
     */
    public static final Set<String> DAEMON_OWN_VARIABLES = Set.of("JPTABLES_HOME", "JPTABLES_STATE",
            "JPTABLES_PLUGINS", "JPTABLES_CONTROL", "JPTABLES_OFFLINE", "JPTABLES_INITIAL", "JPTABLES_JAVA_OPTS",
            "JPTABLES_AOT_TRAINING");

    private static final int MAGIC = 0x4A505443;
    private static final int VERSION = 1;

    private ControlProtocol() {
    }

    /** The variables of {@code env} a command sent to the daemon takes along. */
    public static Map<String, String> forwardedEnvironment(Map<String, String> env) {
        Map<String, String> kept = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("JPTABLES_") && !DAEMON_OWN_VARIABLES.contains(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    public static void writeRequest(DeadlineChannel channel, ControlRequest request) throws IOException {
        writeFrame(channel, encode(request));
    }

    public static ControlRequest readRequest(DeadlineChannel channel) throws IOException {
        return decodeRequest(readFrame(channel, "request"));
    }

    public static void writeResponse(DeadlineChannel channel, ControlResponse response) throws IOException {
        writeFrame(channel, encode(response));
    }

    public static ControlResponse readResponse(DeadlineChannel channel) throws IOException {
        return decodeResponse(readFrame(channel, "response"));
    }

    /** A request's frame body. */
    static byte[] encode(ControlRequest request) throws ControlException {
        Body body = new Body();
        body.header();
        body.u8(request.kind().code());
        body.list(request.args());
        body.i32(request.env().size());
        for (Map.Entry<String, String> e : new TreeMap<>(request.env()).entrySet()) {
            body.text(e.getKey());
            body.text(e.getValue());
        }
        body.text(request.outCharset());
        body.text(request.errCharset());
        body.bytes(request.stdin(), "request");
        return body.done("request");
    }

    /** A response's frame body. */
    static byte[] encode(ControlResponse response) throws ControlException {
        Body body = new Body();
        body.header();
        body.i32(response.status());
        body.bytes(response.stdout(), "response");
        body.bytes(response.stderr(), "response");
        return body.done("response");
    }

    static ControlRequest decodeRequest(byte[] frame) throws ControlException {
        Fields in = new Fields(frame, "request");
        in.header();
        int code = in.u8();
        ControlKind kind = ControlKind.of(code);
        if (kind == null) {
            throw new ControlException("malformed request: unknown kind " + code);
        }
        List<String> args = in.list();
        int variables = in.count(8);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < variables; i++) {
            env.put(in.text(), in.text());
        }
        String outCharset = in.text();
        String errCharset = in.text();
        byte[] stdin = in.bytes();
        in.end();
        return new ControlRequest(kind, args, env, stdin, outCharset, errCharset);
    }

    static ControlResponse decodeResponse(byte[] frame) throws ControlException {
        Fields in = new Fields(frame, "response");
        in.header();
        int status = in.i32();
        byte[] stdout = in.bytes();
        byte[] stderr = in.bytes();
        in.end();
        return new ControlResponse(status, stdout, stderr);
    }

    private static void writeFrame(DeadlineChannel channel, byte[] body) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4).putInt(0, body.length);
        channel.writeFully(length);
        channel.writeFully(ByteBuffer.wrap(body));
    }

    private static byte[] readFrame(DeadlineChannel channel, String what) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        channel.readFully(header);
        long length = Integer.toUnsignedLong(header.getInt(0));
        if (length > MAX_FRAME) {
            throw new ControlException.TooLarge(tooLarge(what, length));
        }
        ByteBuffer body = ByteBuffer.allocate((int) length);
        channel.readFully(body);
        return body.array();
    }

    private static String tooLarge(String what, long length) {
        return "a " + what + " of " + length + " bytes is over the control socket's limit of " + MAX_FRAME
                + " bytes (256 MiB)";
    }

    /** A frame body being written; its size is checked before the large part (the bytes) is copied. */
    private static final class Body {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void header() {
            i32(MAGIC);
            u8(VERSION);
        }

        void u8(int value) {
            out.write(value);
        }

        void i32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
        }

        void list(List<String> texts) {
            i32(texts.size());
            for (String t : texts) {
                text(t);
            }
        }

        void text(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            out.writeBytes(b);
        }

        void bytes(byte[] b, String what) throws ControlException {
            long size = (long) out.size() + 4 + b.length;
            if (size > MAX_FRAME) {
                throw new ControlException.TooLarge(tooLarge(what, size));
            }
            i32(b.length);
            out.writeBytes(b);
        }

        byte[] done(String what) throws ControlException {
            if (out.size() > MAX_FRAME) {
                throw new ControlException.TooLarge(tooLarge(what, out.size()));
            }
            return out.toByteArray();
        }
    }

    /** A frame body being read, every length checked against what is left of it. */
    private static final class Fields {
        final ByteBuffer buffer;
        final String what;

        Fields(byte[] frame, String what) {
            this.buffer = ByteBuffer.wrap(frame);
            this.what = what;
        }

        void header() throws ControlException {
            if (buffer.remaining() < 5 || buffer.getInt() != MAGIC) {
                throw new ControlException("not a jptables control " + what + " (wrong magic number)");
            }
            int version = buffer.get() & 0xff;
            if (version != VERSION) {
                throw new ControlException("a " + what + " of protocol version " + version + ", this jptables speaks "
                        + VERSION);
            }
        }

        int u8() throws ControlException {
            need(1);
            return buffer.get() & 0xff;
        }

        int i32() throws ControlException {
            need(4);
            return buffer.getInt();
        }

        /** A count of items each at least {@code minimum} bytes long. */
        int count(int minimum) throws ControlException {
            need(4);
            long n = Integer.toUnsignedLong(buffer.getInt());
            if (n * minimum > buffer.remaining()) {
                throw malformed();
            }
            return (int) n;
        }

        List<String> list() throws ControlException {
            int n = count(4);
            List<String> texts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                texts.add(text());
            }
            return texts;
        }

        String text() throws ControlException {
            byte[] b = bytes();
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw new ControlException("malformed " + what + ": a text that is not UTF-8");
            }
        }

        byte[] bytes() throws ControlException {
            int n = count(1);
            byte[] b = new byte[n];
            buffer.get(b);
            return b;
        }

        void end() throws ControlException {
            if (buffer.hasRemaining()) {
                throw new ControlException("malformed " + what + ": " + buffer.remaining() + " bytes after its end");
            }
        }

        private void need(int n) throws ControlException {
            if (buffer.remaining() < n) {
                throw malformed();
            }
        }

        private ControlException malformed() {
            return new ControlException("malformed " + what + ": it ends inside a field");
        }
    }
}

package org.jptables.commands.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames encoded and decoded, and bad frames refused with a reason rather than allocated. */
class ControlProtocolTest {
    private static ControlRequest request(byte[] stdin) {
        return new ControlRequest(ControlKind.COMMAND, List.of("restore", "-c", "fünf"), Map.of("JPTABLES_X", "1"),
                stdin, "UTF-8", "US-ASCII");
    }

    @Test
    void requestsAndResponsesComeBackAsTheyWere() throws Exception {
        ControlRequest sent = request("*filter\nCOMMIT\n".getBytes(StandardCharsets.UTF_8));
        ControlRequest got = ControlProtocol.decodeRequest(ControlProtocol.encode(sent));
        assertEquals(sent.kind(), got.kind());
        assertEquals(sent.args(), got.args());
        assertEquals(sent.env(), got.env());
        assertArrayEquals(sent.stdin(), got.stdin());
        assertEquals("US-ASCII", got.errCharset());
        ControlResponse answer = ControlProtocol.decodeResponse(ControlProtocol.encode(
                new ControlResponse(-2, new byte[] {1, 2}, new byte[0])));
        assertEquals(-2, answer.status());
        assertArrayEquals(new byte[] {1, 2}, answer.stdout());
        assertArrayEquals(new byte[0], answer.stderr());
    }

    @Test
    void onlyTheVariablesThatChangeWhatACommandDoesTravel() {
        assertEquals(Map.of("JPTABLES_DOT", "dot2"), ControlProtocol.forwardedEnvironment(Map.of(
                "JPTABLES_STATE", "/mine", "JPTABLES_PLUGINS", "/p", "JPTABLES_HOME", "/h", "JPTABLES_CONTROL", "/c",
                "JPTABLES_OFFLINE", "0", "JPTABLES_DOT", "dot2", "PATH", "/bin")));
    }

    @Test
    void malformedFramesAreRefusedInOneLine() throws Exception {
        byte[] good = ControlProtocol.encode(request(new byte[3]));
        ControlException cut = assertThrows(ControlException.class,
                () -> ControlProtocol.decodeRequest(Arrays.copyOf(good, good.length - 1)));
        assertEquals("malformed request: it ends inside a field", cut.getMessage());
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertEquals("malformed request: 2 bytes after its end",
                assertThrows(ControlException.class, () -> ControlProtocol.decodeRequest(longer)).getMessage());
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';
        assertEquals("not a jptables control request (wrong magic number)",
                assertThrows(ControlException.class, () -> ControlProtocol.decodeRequest(wrongMagic)).getMessage());
        byte[] kind = good.clone();
        kind[5] = 9;
        assertEquals("malformed request: unknown kind 9",
                assertThrows(ControlException.class, () -> ControlProtocol.decodeRequest(kind)).getMessage());
        // an argument count of 2^31 in a frame of 60 bytes: refused before any list is made
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(6, Integer.MAX_VALUE);
        assertEquals("malformed request: it ends inside a field",
                assertThrows(ControlException.class, () -> ControlProtocol.decodeRequest(huge)).getMessage());
    }

    @Test
    void aRequestOverTheLimitIsNotSent() throws Exception {
        byte[] stdin = new byte[ControlProtocol.MAX_FRAME];
        long size = ControlProtocol.encode(request(new byte[0])).length + (long) stdin.length;
        ControlException e = assertThrows(ControlException.TooLarge.class, () -> ControlProtocol.encode(request(stdin)));
        assertEquals("a request of " + size + " bytes is over the control socket's limit of"
                + " 268435456 bytes (256 MiB)", e.getMessage());
    }
}

package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.jptables.api.Addresses;
import org.junit.jupiter.api.Test;

/**
 * nf_conntrack_ftp's reader of one segment's payload, as Linux 6.18's module reads it (what the
 * recorded case helper-ftp shows: numbers that wrap, parts cut short, the verbs in any case).
 */
class FtpCommandsTest {
    private static final int CLIENT = Addresses.parse("198.18.0.2");
    private static final int SERVER = Addresses.parse("198.18.1.2");

    private final FtpCommands commands = new FtpCommands();
    private final int[] out = new int[FtpCommands.RESULT_SIZE];

    private int find(String text, int dir) {
        return find(text, dir, 0);
    }

    /** The text at {@code at} in a larger buffer, so that offsets are checked to stay relative. */
    private int find(String text, int dir, int at) {
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] buffer = new byte[at + data.length + 7];
        java.util.Arrays.fill(buffer, (byte) '9');
        System.arraycopy(data, 0, buffer, at, data.length);
        return commands.find(buffer, at, data.length, dir, dir == 0 ? CLIENT : SERVER, out);
    }

    private String address() {
        return Addresses.format(out[FtpCommands.ADDRESS]);
    }

    private int port() {
        return out[FtpCommands.PORT_NUMBER];
    }

    @Test
    void portNamesAddressAndPortAndWhereTheNumbersAre() {
        assertEquals(FtpCommands.FOUND, find("PORT 198,18,0,2,156,65\r\n", 0, 11));
        assertEquals("198.18.0.2", address());
        assertEquals(40001, port());
        assertEquals(FtpCommands.PORT, out[FtpCommands.KIND]);
        assertEquals(5, out[FtpCommands.MATCH_OFFSET]);
        assertEquals("198,18,0,2,156,65".length(), out[FtpCommands.MATCH_LENGTH]);
    }

    @Test
    void pasvReplyIsReadFromItsFirstDigitWithOrWithoutParentheses() {
        assertEquals(FtpCommands.FOUND, find("227 Entering Passive Mode (198,18,1,2,117,49).\r\n", 1));
        assertEquals("198.18.1.2", address());
        assertEquals(30001, port());
        assertEquals(FtpCommands.PASV, out[FtpCommands.KIND]);
        assertEquals("227 Entering Passive Mode (".length(), out[FtpCommands.MATCH_OFFSET]);
        assertEquals("198,18,1,2,117,49".length(), out[FtpCommands.MATCH_LENGTH]);

        assertEquals(FtpCommands.FOUND, find("227 =198,18,1,2,117,52\r\n", 1));
        assertEquals(30004, port());
        // the numbers end at any character that is not a digit or a comma
        assertEquals(FtpCommands.FOUND, find("227 198,18,1,2,1,2 x", 1));
        assertEquals(258, port());
    }

    @Test
    void eprtAndEpsvUseTheirDelimiter() {
        assertEquals(FtpCommands.FOUND, find("EPRT |1|198.18.0.2|40004|\r\n", 0));
        assertEquals("198.18.0.2", address());
        assertEquals(40004, port());
        assertEquals(FtpCommands.EPRT, out[FtpCommands.KIND]);
        assertEquals(5, out[FtpCommands.MATCH_OFFSET]);
        assertEquals("|1|198.18.0.2|40004|".length(), out[FtpCommands.MATCH_LENGTH]);

        assertEquals(FtpCommands.FOUND, find("229 Entering Extended Passive Mode (|||30002|)\r\n", 1));
        assertEquals("198.18.1.2", address(), "229 names no address: the server's stands");
        assertEquals(30002, port());
        assertEquals(FtpCommands.EPSV, out[FtpCommands.KIND]);
        assertEquals("229 Entering Extended Passive Mode (".length(), out[FtpCommands.MATCH_OFFSET]);
        assertEquals("|||30002|".length(), out[FtpCommands.MATCH_LENGTH]);
        assertEquals(FtpCommands.FOUND, find("229 (!!!95539!)\r\n", 1));
        assertEquals(30003, port(), "a 16-bit sum: 95539 wraps to 30003");
    }

    @Test
    void numbersAreUnsignedSumsWithoutRangeCheck() {
        assertEquals(FtpCommands.FOUND, find("PORT 454,18,0,2,156,77\r\n", 0));
        assertEquals("198.18.0.2", address(), "454 << 24 carries out of 32 bits: 198");
        assertEquals(FtpCommands.FOUND, find("PORT 300,18,0,2,156,71\r\n", 0));
        assertEquals("44.18.0.2", address());
        assertEquals(FtpCommands.FOUND, find("PORT 198,18,0,2,300,0\r\n", 0));
        assertEquals((300 << 8) & 0xFFFF, port());
    }

    @Test
    void verbsInAnyCase() {
        assertEquals(FtpCommands.FOUND, find("port 198,18,0,2,156,74\r\n", 0));
        assertEquals(FtpCommands.FOUND, find("ePrT |1|198.18.0.2|40004|\r\n", 0));
        assertEquals(FtpCommands.FOUND, find("227 (1,2,3,4,5,6)", 1));
    }

    /** Text, direction, the pattern the kernel's log names: each cut short or malformed. */
    private static final String[][] PARTIAL = {
        {"PORT 198,18,0,2,156", "0", "PORT"},
        {"PORT 198,18,0,2,156,65", "0", "PORT"},          // no \r after the last number
        {"PORT", "0", "PORT"},                            // the verb alone, no room for more
        {"POR", "0", "PORT"},
        {"EP", "0", "EPRT"},                              // not PORT, maybe the start of EPRT
        {"PORTX", "0", "PORT"},                           // no space to skip to
        {"PORT 198,18,0,2,156,65,7\r\n", "0", "PORT"},   // seven numbers
        {"PORT 198.18.0.2.156.65\r\n", "0", "PORT"},
        {"EPRT |2|::1|40004|\r\n", "0", "EPRT"},          // IPv6 on an IPv4 connection
        {"EPRT |1|198.18.0.2|0|\r\n", "0", "EPRT"},       // port 0
        {"EPRT 1|1|198.18.0.2|40004|\r\n", "0", "EPRT"},  // a digit is no delimiter
        {"EPRT |1|198.18.0.2|4x|\r\n", "0", "EPRT"},
        {"227 Entering Passive Mode (198,18,1,2,117,53", "1", "227 "},
        {"227 no numbers here\r\n", "1", "227 "},
        {"22", "1", "227 "},
        {"229 Entering Extended Passive Mode |||1|\r\n", "1", "229 "}, // no parenthesis to skip to
        {"229 (||1|)\r\n", "1", "229 "},
        {"229 (|||)\r\n", "1", "229 "},
    };

    @Test
    void cutShortOrMalformedIsPartial() {
        for (String[] c : PARTIAL) {
            assertEquals(FtpCommands.PARTIAL, find(c[0], Integer.parseInt(c[1])), c[0]);
            assertEquals(c[2], FtpCommands.patternName(out[FtpCommands.KIND]), c[0]);
        }
    }

    /** Text and direction of lines that are none of the four. */
    private static final String[][] NOTHING = {
        {"USER a\r\n", "0"},
        {"NOOP", "0"},
        {"PASV\r\n", "0"},
        {"LIST\r\n", "0"},
        {"200 PORT command successful\r\n", "1"},
        {"PORT 198,18,0,2,156,65\r\n", "1"},   // the client's verb from the server is nothing
        {"227 Entering Passive Mode (198,18,1,2,117,49)\r\n", "0"},
        {"X", "0"},
        {"2", "0"},
        {"150 ok", "1"},
    };

    @Test
    void otherLinesAreNothing() {
        for (String[] c : NOTHING) {
            assertEquals(FtpCommands.NONE, find(c[0], Integer.parseInt(c[1])), c[0]);
        }
    }

    @Test
    void patternNamesAsTheLogWritesThem() {
        assertEquals("PORT", FtpCommands.patternName(FtpCommands.PORT));
        assertEquals("EPRT", FtpCommands.patternName(FtpCommands.EPRT));
        assertEquals("227 ", FtpCommands.patternName(FtpCommands.PASV));
        assertEquals("229 ", FtpCommands.patternName(FtpCommands.EPSV));
    }
}

package org.jptables.kernel.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.LocalSocket;

/**
 * A packet as the JSON lines of shared/conformance describe it: where it enters ({@code in}: an
 * interface, or {@code host} for a packet the host sends) and its IPv4 bytes, given whole
 * ({@code frame}, {@code ip}) or by fields with the documented defaults; for a packet the host
 * sends, the socket it belongs to ({@code socket}, {@code uid}, {@code gid}, {@code groups}), which
 * on Linux is the sending process's and offline is part of the description.
 *
 * @param in     the interface it arrives on, or "host"
 * @param ip     the IPv4 packet
 * @param socket the socket it belongs to: {@link LocalSocket#NONE} unless the host sends it
 * @param cpu    the CPU it is handled on
 */
public record PacketDescription(String in, byte[] ip, LocalSocket socket, int cpu) {
    public PacketDescription(String in, byte[] ip, LocalSocket socket) {
        this(in, ip, socket, 0);
    }

    /** A packet with the socket its {@code in} implies by default: root's when the host sends it. */
    public PacketDescription(String in, byte[] ip) {
        this(in, ip, "host".equals(in) ? LocalSocket.ROOT : LocalSocket.NONE);
    }

    /** One field of a packet line: its name and what it means, with its default. */
    public record Field(String name, String meaning) {
    }

    /**
     * Every field a packet line may have, in the order the help texts list them: the one list the
     * parser accepts, its error message names and {@code replay -h} and {@code --packet -h} print.
     */
    public static final List<Field> FIELDS = List.of(
            new Field("in", "interface it arrives on (a bridge port: the bridge's, the port its physindev), or \"host\""
                    + " when the host sends it (eth0)"),
            new Field("src", "source address (required unless frame or ip)"),
            new Field("dst", "destination address (required unless frame or ip)"),
            new Field("proto", "tcp, udp, icmp or a protocol number 0-255 (tcp)"),
            new Field("sport", "TCP/UDP source port (40000)"),
            new Field("dport", "TCP/UDP destination port (80 for tcp, 53 for udp)"),
            new Field("flags", "TCP flags as letters S A F R P U E C, \"SA\": SYN+ACK (S)"),
            new Field("seq", "TCP sequence number (1000)"),
            new Field("ack", "TCP acknowledgement number (0)"),
            new Field("window", "TCP window (64240)"),
            new Field("mss", "TCP MSS option (none)"),
            new Field("sack_perm", "true: a TCP SACK-permitted option, after NOP NOP (false)"),
            new Field("tsval", "TCP timestamp option's TSval, after NOP NOP (no timestamp option)"),
            new Field("tsecr", "TCP timestamp option's TSecr (0 when tsval alone is given)"),
            new Field("wscale", "TCP window scale option's shift, after a NOP (none)"),
            new Field("type", "ICMP type (8, echo request)"),
            new Field("code", "ICMP code (0)"),
            new Field("id", "ICMP query id (1; 0 in an error with quote)"),
            new Field("icmp_seq", "ICMP query sequence number (1; 0 in an error with quote)"),
            new Field("quote", "for an ICMP error: the packet it quotes, an object of these fields"),
            new Field("len", "bytes of data after the transport header, zeros (0)"),
            new Field("data", "instead of len: the data after the transport header as text, one byte a character"),
            new Field("ttl", "IPv4 time-to-live (64)"),
            new Field("tos", "IPv4 TOS byte (0)"),
            new Field("ipid", "IPv4 identification, the IP ID (4660, 0x1234)"),
            new Field("df", "true: IPv4 don't-fragment flag set (false)"),
            new Field("frame", "instead of the fields above: a whole Ethernet frame in hex"),
            new Field("ip", "instead of the fields above: a whole IPv4 packet in hex"),
            new Field("time", "arrival in seconds, for conntrack's timeouts (0.15 s apart)"),
            new Field("cpu", "the CPU the packet is handled on, 0-4095, as -m cpu and -m bpf's ld cpu see it (0)"),
            new Field("socket", "in host: the sender's socket, \"process\", \"kernel\" (no file) or \"none\" (process)"),
            new Field("uid", "in host: the fsuid the process's socket was opened with (0)"),
            new Field("gid", "in host: the fsgid the process's socket was opened with (0)"),
            new Field("groups", "in host: that process's supplementary group ids, a list ([])"),
            new Field("cgroup", "in host: the cgroup v2 path the process's socket was made in (\"/\")"),
            new Field("classid", "in host: that socket's net_cls class id, 0-4294967295 (0)"));

    private static final Set<String> NAMES = FIELDS.stream().map(Field::name).collect(Collectors.toUnmodifiableSet());

    /** The fields' names, comma-separated, for messages. */
    public static String fieldNames() {
        return FIELDS.stream().map(Field::name).collect(Collectors.joining(", "));
    }

    /** The fields one a line, {@code indent} before each name, the meanings aligned. */
    public static String fieldHelp(String indent) {
        int width = FIELDS.stream().mapToInt(f -> f.name().length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder();
        for (Field f : FIELDS) {
            out.append(indent).append(f.name()).append(" ".repeat(width - f.name().length())).append(f.meaning())
                    .append('\n');
        }
        return out.toString();
    }

    /** Reads one description; a bad one gives a message naming the field. */
    public static PacketDescription of(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a packet must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!NAMES.contains(f)) {
                throw new IllegalArgumentException("unknown packet field \"" + f + "\" (valid: " + fieldNames() + ")");
            }
        }
        String in = node.path("in").asText("eth0");
        LocalSocket socket = socket(node, in);
        int cpu = cpu(node);
        if (node.has("frame")) {
            byte[] frame = hex(node.get("frame").asText(), "frame");
            if (frame.length < 14 + 20) {
                throw new IllegalArgumentException("frame: shorter than an Ethernet and an IPv4 header");
            }
            byte[] ip = new byte[frame.length - 14];
            System.arraycopy(frame, 14, ip, 0, ip.length);
            return new PacketDescription(in, ip, socket, cpu);
        }
        if (node.has("ip")) {
            return new PacketDescription(in, hex(node.get("ip").asText(), "ip"), socket, cpu);
        }
        return new PacketDescription(in, build(node), socket, cpu);
    }

    /** NR_CPUS's largest default (CONFIG_NR_CPUS up to 8192 exists; 4096 is the common ceiling). */
    private static int cpu(JsonNode n) {
        if (!n.has("cpu")) {
            return 0;
        }
        JsonNode v = n.get("cpu");
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 4095) {
            throw new IllegalArgumentException("cpu: not a CPU number 0-4095: " + v);
        }
        return v.asInt();
    }

    /** The socket of a packet the host sends: a process's (root's unless told), the kernel's or none. */
    static LocalSocket socket(JsonNode n, String in) {
        boolean host = "host".equals(in);
        for (String f : List.of("socket", "uid", "gid", "groups", "cgroup", "classid")) {
            if (n.has(f) && !host) {
                throw new IllegalArgumentException(f + ": only for a packet the host sends (\"in\": \"host\")");
            }
        }
        if (!host) {
            return LocalSocket.NONE;
        }
        String kind = n.path("socket").asText("process");
        boolean credentials = n.has("uid") || n.has("gid") || n.has("groups") || n.has("cgroup") || n.has("classid");
        switch (kind) {
            case "process" -> {
                if (n.has("groups") && !n.get("groups").isArray()) {
                    throw new IllegalArgumentException("groups: not a list of group ids");
                }
                long[] groups = new long[n.path("groups").size()];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = id(n.get("groups").get(i), "groups");
                }
                JsonNode cgroup = n.path("cgroup");
                if (n.has("cgroup") && !cgroup.isTextual()) {
                    throw new IllegalArgumentException("cgroup: not a path: " + cgroup);
                }
                JsonNode classid = n.path("classid");
                if (n.has("classid") && (!classid.isIntegralNumber() || classid.asLong() < 0 || classid.asLong() > 0xFFFFFFFFL)) {
                    throw new IllegalArgumentException("classid: not a class id 0-4294967295: " + classid);
                }
                return LocalSocket.of(n.has("uid") ? id(n.get("uid"), "uid") : 0,
                        n.has("gid") ? id(n.get("gid"), "gid") : 0, groups)
                        .inCgroup(cgroup.asText("/"), classid.asLong(0));
            }
            case "kernel", "none" -> {
                if (credentials) {
                    throw new IllegalArgumentException("uid, gid, groups, cgroup, classid: only with \"socket\": \"process\"");
                }
                return kind.equals("none") ? LocalSocket.NONE : LocalSocket.KERNEL;
            }
            default -> throw new IllegalArgumentException("socket: not process, kernel or none: " + kind);
        }
    }

    /** A uid or gid: 0..2^32-2, as the kernel's (2^32-1 is the invalid id). */
    private static long id(JsonNode v, String field) {
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 0xFFFFFFFEL) {
            throw new IllegalArgumentException(field + ": not an id 0-4294967294: " + v);
        }
        return v.asLong();
    }

    private static byte[] hex(String text, String field) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not hexadecimal bytes");
        }
    }

    /** The options after the MSS, each on a 4-byte boundary: SACK permitted, timestamps, window scale. */
    private static byte[] tcpOptions(JsonNode n) {
        boolean sack = n.path("sack_perm").asBoolean(false);
        boolean ts = n.has("tsval") || n.has("tsecr");
        boolean ws = n.has("wscale");
        byte[] o = new byte[(sack ? 4 : 0) + (ts ? 12 : 0) + (ws ? 4 : 0)];
        int at = 0;
        if (sack) {
            o[at++] = 1;
            o[at++] = 1;
            o[at++] = 4;
            o[at++] = 2;
        }
        if (ts) {
            o[at++] = 1;
            o[at++] = 1;
            o[at++] = 8;
            o[at++] = 10;
            long tsval = n.path("tsval").asLong(0);
            long tsecr = n.path("tsecr").asLong(0);
            for (int shift = 24; shift >= 0; shift -= 8) {
                o[at + 3 - shift / 8] = (byte) (tsval >>> shift);
                o[at + 7 - shift / 8] = (byte) (tsecr >>> shift);
            }
            at += 8;
        }
        if (ws) {
            o[at++] = 1;
            o[at++] = 3;
            o[at++] = 3;
            o[at] = (byte) n.get("wscale").asInt();
        }
        return o;
    }

    static byte[] build(JsonNode n) {
        if (!n.has("src") || !n.has("dst")) {
            throw new IllegalArgumentException("a packet needs \"src\" and \"dst\"");
        }
        Ipv4Builder b = new Ipv4Builder().source(n.get("src").asText()).destination(n.get("dst").asText());
        int proto = protocol(n.path("proto").asText("tcp"));
        b.protocol(proto);
        if (proto == Ipv4Builder.TCP) {
            b.sourcePort(n.path("sport").asInt(40000)).destinationPort(n.path("dport").asInt(80));
            b.tcpFlags(flags(n.path("flags").asText("S")));
            b.sequence(n.path("seq").asLong(1000)).acknowledgement(n.path("ack").asLong(0));
            b.window(n.path("window").asInt(64240));
            if (n.has("mss")) {
                b.mss(n.get("mss").asInt());
            }
            b.tcpOptions(tcpOptions(n));
        } else if (proto == Ipv4Builder.UDP) {
            b.sourcePort(n.path("sport").asInt(40000)).destinationPort(n.path("dport").asInt(53));
        } else if (proto == Ipv4Builder.ICMP) {
            b.icmpType(n.path("type").asInt(8)).icmpCode(n.path("code").asInt(0));
            // an error's bytes after the checksum are 0 unless given (the MTU of "fragmentation needed")
            int unset = n.has("quote") ? 0 : 1;
            b.icmpId(n.path("id").asInt(unset)).icmpSequence(n.path("icmp_seq").asInt(unset));
            if (n.has("quote")) {
                b.quote(build(n.get("quote")));
            }
        }
        if (n.has("data")) {
            if (n.has("len")) {
                throw new IllegalArgumentException("data: a packet has either data or len, not both");
            }
            b.payload(data(n.get("data")));
        } else {
            b.payloadLength(n.path("len").asInt(0));
        }
        b.ttl(n.path("ttl").asInt(64)).tos(n.path("tos").asInt(0));
        b.id(n.has("ipid") ? n.get("ipid").asInt() : 0x1234).dontFragment(n.path("df").asBoolean(false));
        return b.build();
    }

    /** The text's characters as bytes: each must be 0-255 (Latin-1), as the recorder encodes them. */
    private static byte[] data(JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("data: not a text");
        }
        String text = v.asText();
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("data: character " + (i + 1) + " is not a byte (0-255)");
            }
            out[i] = (byte) c;
        }
        return out;
    }

    static int protocol(String text) {
        return switch (text) {
            case "tcp" -> Ipv4Builder.TCP;
            case "udp" -> Ipv4Builder.UDP;
            case "icmp" -> Ipv4Builder.ICMP;
            default -> {
                try {
                    int p = Integer.parseInt(text);
                    if (p < 0 || p > 255) {
                        throw new NumberFormatException();
                    }
                    yield p;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("proto: not tcp, udp, icmp or a number 0-255: " + text);
                }
            }
        };
    }

    static int flags(String letters) {
        int f = 0;
        for (char c : letters.toCharArray()) {
            f |= switch (c) {
                case 'S' -> Ipv4Builder.SYN;
                case 'A' -> Ipv4Builder.ACK;
                case 'F' -> Ipv4Builder.FIN;
                case 'R' -> Ipv4Builder.RST;
                case 'P' -> Ipv4Builder.PSH;
                case 'U' -> Ipv4Builder.URG;
                case 'E' -> Ipv4Builder.ECE;
                case 'C' -> Ipv4Builder.CWR;
                default -> throw new IllegalArgumentException("flags: unknown TCP flag letter " + c);
            };
        }
        return f;
    }
}

package org.jptables.kernel.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import org.jptables.kernel.packet.Ipv4Builder;

/**
 * A packet as the JSON lines of shared/conformance describe it: where it enters ({@code in}: an
 * interface, or {@code host} for a packet the host sends) and its IPv4 bytes, given whole
 * ({@code frame}, {@code ip}) or by fields with the documented defaults.
 *
 * @param in    the interface it arrives on, or "host"
 * @param ip    the IPv4 packet
 */
public record PacketDescription(String in, byte[] ip) {
    private static final Set<String> FIELDS = Set.of("in", "frame", "ip", "src", "dst", "proto", "sport", "dport",
            "flags", "seq", "ack", "window", "mss", "type", "code", "id", "icmp_seq", "quote", "len", "ttl", "tos",
            "ipid", "df", "time");

    /** Reads one description; a bad one gives a message naming the field. */
    public static PacketDescription of(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a packet must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown packet field \"" + f + "\"");
            }
        }
        String in = node.path("in").asText("eth0");
        if (node.has("frame")) {
            byte[] frame = hex(node.get("frame").asText(), "frame");
            if (frame.length < 14 + 20) {
                throw new IllegalArgumentException("frame: shorter than an Ethernet and an IPv4 header");
            }
            byte[] ip = new byte[frame.length - 14];
            System.arraycopy(frame, 14, ip, 0, ip.length);
            return new PacketDescription(in, ip);
        }
        if (node.has("ip")) {
            return new PacketDescription(in, hex(node.get("ip").asText(), "ip"));
        }
        return new PacketDescription(in, build(node));
    }

    private static byte[] hex(String text, String field) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not hexadecimal bytes");
        }
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
        b.payloadLength(n.path("len").asInt(0));
        b.ttl(n.path("ttl").asInt(64)).tos(n.path("tos").asInt(0));
        b.id(n.has("ipid") ? n.get("ipid").asInt() : 0x1234).dontFragment(n.path("df").asBoolean(false));
        return b.build();
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

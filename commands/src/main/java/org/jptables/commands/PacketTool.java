package org.jptables.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jptables --packet -i eth0 -p tcp -s 203.0.113.9 --sport 40000 -d 198.18.0.1 --dport 22
 * --tcp-flags SYN}: one packet described in iptables' own words, run through the ruleset of the
 * state like one line of {@code replay --packets}. The words become a line of the JSON packet
 * format, so both forms mean exactly the same packet.
 */
final class PacketTool {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    PacketTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (!args.isEmpty() && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
            out.print(Help.packet());
            return 0;
        }
        List<String> replay = new ArrayList<>();
        ObjectNode packet = JSON.createObjectNode();
        try {
            int i = 0;
            // jptables' own leading options (--state, --plugins) stay in front for the replay
            while (i < args.size() && (args.get(i).equals("--state") || args.get(i).equals("--plugins"))) {
                replay.add(args.get(i));
                replay.add(value(args, i + 1, args.get(i)));
                i += 2;
            }
            for (; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--json", "--no-save", "--quiet-host", "--ignore-checksums" -> replay.add(a);
                    case "--host", "--rules", "--eval" -> {
                        replay.add(a);
                        replay.add(value(args, ++i, a));
                    }
                    case "--local" -> packet.put("in", "host");
                    case "-i", "--in-interface" -> packet.put("in", value(args, ++i, a));
                    case "-p", "--protocol" -> packet.put("proto", value(args, ++i, a).toLowerCase(Locale.ROOT));
                    case "-s", "--source", "--src" -> packet.put("src", value(args, ++i, a));
                    case "-d", "--destination", "--dst" -> packet.put("dst", value(args, ++i, a));
                    case "--sport", "--source-port" -> packet.put("sport", number(args, ++i, a, 0, 65535));
                    case "--dport", "--destination-port" -> packet.put("dport", number(args, ++i, a, 0, 65535));
                    case "--syn" -> packet.put("flags", "S");
                    case "--tcp-flags" -> packet.put("flags", flagLetters(value(args, ++i, a)));
                    case "--seq" -> packet.put("seq", number(args, ++i, a, 0, 0xffffffffL));
                    case "--ack" -> packet.put("ack", number(args, ++i, a, 0, 0xffffffffL));
                    case "--window" -> packet.put("window", number(args, ++i, a, 0, 65535));
                    case "--mss" -> packet.put("mss", number(args, ++i, a, 0, 65535));
                    case "--icmp-type" -> icmpType(packet, value(args, ++i, a));
                    case "--icmp-id" -> packet.put("id", number(args, ++i, a, 0, 65535));
                    case "--icmp-seq" -> packet.put("icmp_seq", number(args, ++i, a, 0, 65535));
                    case "--len", "--payload" -> packet.put("len", number(args, ++i, a, 0, 65000));
                    case "--ttl" -> packet.put("ttl", number(args, ++i, a, 0, 255));
                    case "--tos" -> packet.put("tos", number(args, ++i, a, 0, 255));
                    case "--ipid" -> packet.put("ipid", number(args, ++i, a, 0, 65535));
                    case "--df" -> packet.put("df", true);
                    default -> throw new Settings.UsageError("--packet: unknown option \"" + a + "\"");
                }
            }
            if (!packet.has("src") || !packet.has("dst")) {
                throw new Settings.UsageError("--packet: a packet needs a source (-s) and a destination (-d)");
            }
        } catch (Settings.UsageError e) {
            err.print("jptables: " + e.getMessage() + "\n");
            return 2;
        }
        return new ReplayTool(env, out, err).run(replay, List.of(packet.toString()));
    }

    /** iptables' flag names, comma-separated, as the packet format's letters. */
    static String flagLetters(String names) throws Settings.UsageError {
        StringBuilder letters = new StringBuilder();
        if (names.equalsIgnoreCase("NONE")) {
            return "";
        }
        for (String name : names.split(",")) {
            letters.append(switch (name.toUpperCase(Locale.ROOT)) {
                case "SYN" -> 'S';
                case "ACK" -> 'A';
                case "FIN" -> 'F';
                case "RST" -> 'R';
                case "PSH" -> 'P';
                case "URG" -> 'U';
                case "ECE" -> 'E';
                case "CWR" -> 'C';
                case "ALL" -> "SAFRPUEC";
                default -> throw new Settings.UsageError("--tcp-flags: unknown flag \"" + name + "\"");
            });
        }
        return letters.toString();
    }

    /** {@code TYPE[/CODE]} in numbers, or the common names iptables' icmp match knows. */
    static void icmpType(ObjectNode packet, String text) throws Settings.UsageError {
        int[] typeCode = switch (text.toLowerCase(Locale.ROOT)) {
            case "echo-reply", "pong" -> new int[] {0, 0};
            case "destination-unreachable" -> new int[] {3, 0};
            case "network-unreachable" -> new int[] {3, 0};
            case "host-unreachable" -> new int[] {3, 1};
            case "protocol-unreachable" -> new int[] {3, 2};
            case "port-unreachable" -> new int[] {3, 3};
            case "fragmentation-needed" -> new int[] {3, 4};
            case "communication-prohibited" -> new int[] {3, 13};
            case "source-quench" -> new int[] {4, 0};
            case "redirect" -> new int[] {5, 0};
            case "echo-request", "ping" -> new int[] {8, 0};
            case "router-advertisement" -> new int[] {9, 0};
            case "router-solicitation" -> new int[] {10, 0};
            case "time-exceeded", "ttl-exceeded", "ttl-zero-during-transit" -> new int[] {11, 0};
            case "parameter-problem" -> new int[] {12, 0};
            case "timestamp-request" -> new int[] {13, 0};
            case "timestamp-reply" -> new int[] {14, 0};
            default -> numericIcmp(text);
        };
        packet.put("proto", packet.path("proto").asText("icmp"));
        packet.put("type", typeCode[0]);
        packet.put("code", typeCode[1]);
    }

    private static int[] numericIcmp(String text) throws Settings.UsageError {
        String[] parts = text.split("/", -1);
        try {
            int type = Integer.parseInt(parts[0]);
            int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (parts.length > 2 || type < 0 || type > 255 || code < 0 || code > 255) {
                throw new NumberFormatException();
            }
            return new int[] {type, code};
        } catch (NumberFormatException e) {
            throw new Settings.UsageError("--icmp-type: unknown ICMP type \"" + text + "\"");
        }
    }

    private static String value(List<String> args, int i, String option) throws Settings.UsageError {
        if (i >= args.size()) {
            throw new Settings.UsageError("--packet: option \"" + option + "\" requires an argument");
        }
        return args.get(i);
    }

    private static long number(List<String> args, int i, String option, long min, long max) throws Settings.UsageError {
        String text = value(args, i, option);
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Settings.UsageError("--packet: " + option + " \"" + text + "\": not a number from " + min
                    + " to " + max);
        }
    }
}

package org.jptables.kernel.host;

import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.Sockets;
import org.jptables.kernel.packet.SocketTable;

/**
 * The host's TCP and UDP sockets (conf/host.yaml's {@code sockets}), looked up as Linux's socket
 * hashes answer: a TCP packet finds the established or TIME_WAIT socket of its four addresses and
 * ports (inet_lookup_established), else a listener on its destination port bound to its
 * destination address, else one bound to 0.0.0.0 (__inet_lookup_listener's two passes); a UDP
 * packet the best-scoring socket (udp4_lib_lookup's compute_score: bound address, connected
 * address, connected port each count). A snapshot: connections the packets make open no sockets.
 */
public final class HostSockets implements SocketTable {
    /** TCP states as the kernel numbers them; UDP sockets are ESTABLISHED when connected, else CLOSE. */
    static final int ESTABLISHED = 1;
    static final int TIME_WAIT = 6;
    static final int CLOSE = 7;
    static final int LISTEN = 10;

    private final int[] protocol;
    private final int[] state;
    private final int[] localAddress;
    private final int[] localPort;
    private final int[] remoteAddress;
    private final int[] remotePort;
    private final boolean[] transparent;
    private final int[] mark;

    HostSockets(List<HostConfig.SocketConfig> sockets) {
        int n = sockets.size();
        protocol = new int[n];
        state = new int[n];
        localAddress = new int[n];
        localPort = new int[n];
        remoteAddress = new int[n];
        remotePort = new int[n];
        transparent = new boolean[n];
        mark = new int[n];
        for (int i = 0; i < n; i++) {
            HostConfig.SocketConfig s = sockets.get(i);
            String where = "host: socket " + (i + 1) + ": ";
            protocol[i] = switch (s.proto() == null ? "" : s.proto()) {
                case "tcp" -> 6;
                case "udp" -> 17;
                default -> throw new IllegalArgumentException(where + "proto must be tcp or udp");
            };
            if (s.local() == null) {
                throw new IllegalArgumentException(where + "no local address:port");
            }
            long local = endpoint(s.local(), where);
            localAddress[i] = (int) (local >>> 16);
            localPort[i] = (int) (local & 0xFFFF);
            long remote = s.remote() == null ? 0 : endpoint(s.remote(), where);
            remoteAddress[i] = (int) (remote >>> 16);
            remotePort[i] = (int) (remote & 0xFFFF);
            state[i] = state(s, protocol[i], remote != 0, where);
            if ((state[i] == ESTABLISHED || state[i] == TIME_WAIT) && (localAddress[i] == 0 || remote == 0)) {
                throw new IllegalArgumentException(where + "an established socket needs its local and remote address:port");
            }
            transparent[i] = s.transparent() != null && s.transparent();
            mark[i] = s.mark() == null ? 0 : (int) parseMark(s.mark(), where);
        }
    }

    /**
     * The sockets the conformance recorder opens for a case's {@code listen} ("tcp:22", and
     * "tcp:3128:transparent" with IP_TRANSPARENT): bound to 0.0.0.0.
     */
    public static List<HostConfig.SocketConfig> listening(Iterable<String> listen) {
        List<HostConfig.SocketConfig> sockets = new java.util.ArrayList<>();
        for (String item : listen) {
            String[] parts = item.split(":");
            boolean transparent = parts.length > 2 && parts[2].equals("transparent");
            sockets.add(new HostConfig.SocketConfig(parts[0], null, "0.0.0.0:" + parts[1], null, transparent, null));
        }
        return sockets;
    }

    private static int state(HostConfig.SocketConfig s, int protocol, boolean connected, String where) {
        if (protocol == 17) {
            if (s.state() != null) {
                throw new IllegalArgumentException(where + "a UDP socket has no state: it is connected when it has a remote address");
            }
            return connected ? ESTABLISHED : CLOSE;
        }
        String name = s.state() != null ? s.state() : connected ? "established" : "listen";
        return switch (name) {
            case "listen" -> LISTEN;
            case "established" -> ESTABLISHED;
            case "time-wait" -> TIME_WAIT;
            default -> throw new IllegalArgumentException(where + "state must be listen, established or time-wait");
        };
    }

    /** "a.b.c.d:port" as address << 16 | port. */
    private static long endpoint(String text, String where) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(where + "bad address:port " + text);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return ((Addresses.parse(text.substring(0, colon)) & 0xFFFFFFFFL) << 16) | port;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + "bad address:port " + text);
        }
    }

    static long parseMark(String text, String where) {
        try {
            long value = Long.decode(text);
            if (value < 0 || value > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "bad mark " + text);
        }
    }

    public int size() {
        return protocol.length;
    }

    @Override
    public int find(int proto, int source, int sourcePort, int destination, int destinationPort, int kind) {
        if (proto == 6) {
            int found = kind == Sockets.LOOKUP_LISTENER ? Sockets.NONE
                    : tcpEstablished(source, sourcePort, destination, destinationPort);
            if (found == Sockets.NONE && kind != Sockets.LOOKUP_ESTABLISHED) {
                found = tcpListener(destination, destinationPort);
            }
            return found;
        }
        if (proto != 17) {
            return Sockets.NONE;
        }
        int found = udp(source, sourcePort, destination, destinationPort);
        if (found == Sockets.NONE) {
            return found;
        }
        // nf_tproxy_get_sock_v4: an established lookup wants a connected socket bound to an address,
        // a listener lookup an unconnected one
        boolean connected = state[found] == ESTABLISHED;
        if (kind == Sockets.LOOKUP_ESTABLISHED && (!connected || localAddress[found] == 0)
                || kind == Sockets.LOOKUP_LISTENER && connected) {
            return Sockets.NONE;
        }
        return found;
    }

    private int tcpEstablished(int source, int sourcePort, int destination, int destinationPort) {
        for (int i = 0; i < protocol.length; i++) {
            if (protocol[i] == 6 && (state[i] == ESTABLISHED || state[i] == TIME_WAIT)
                    && localAddress[i] == destination && localPort[i] == destinationPort
                    && remoteAddress[i] == source && remotePort[i] == sourcePort) {
                return i;
            }
        }
        return Sockets.NONE;
    }

    /** The listener bound to the destination address, else one bound to 0.0.0.0. */
    private int tcpListener(int destination, int destinationPort) {
        int wildcard = Sockets.NONE;
        for (int i = 0; i < protocol.length; i++) {
            if (protocol[i] == 6 && state[i] == LISTEN && localPort[i] == destinationPort) {
                if (localAddress[i] == destination) {
                    return i;
                }
                if (localAddress[i] == 0 && wildcard == Sockets.NONE) {
                    wildcard = i;
                }
            }
        }
        return wildcard;
    }

    private int udp(int source, int sourcePort, int destination, int destinationPort) {
        int best = Sockets.NONE;
        int bestScore = -1;
        for (int i = 0; i < protocol.length; i++) {
            if (protocol[i] != 17 || localPort[i] != destinationPort) {
                continue;
            }
            int score = 2;
            if (localAddress[i] != 0) {
                if (localAddress[i] != destination) {
                    continue;
                }
                score += 4;
            }
            if (remoteAddress[i] != 0) {
                if (remoteAddress[i] != source) {
                    continue;
                }
                score += 4;
            }
            if (remotePort[i] != 0) {
                if (remotePort[i] != sourcePort) {
                    continue;
                }
                score += 4;
            }
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    @Override
    public int flags(int socket) {
        if (socket < 0 || socket >= protocol.length) {
            return 0;
        }
        return (transparent[socket] ? Sockets.TRANSPARENT : 0)
                | (localAddress[socket] == 0 ? Sockets.BOUND_ANY : 0)
                | (state[socket] == TIME_WAIT ? Sockets.TIME_WAIT : 0);
    }

    @Override
    public int mark(int socket) {
        return socket < 0 || socket >= protocol.length ? 0 : mark[socket];
    }
}

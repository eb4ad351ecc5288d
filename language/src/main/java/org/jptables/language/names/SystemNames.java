package org.jptables.language.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.api.Addresses;
import org.jptables.api.Names;

/**
 * The name databases read from /etc as glibc's getservbyport, getprotobynumber, gethostbyaddr and
 * getnetbyaddr read them, and the users and groups as getpwnam and getgrnam (files only: jptables never asks DNS, so listings do not hang or change
 * with the network). Read once; missing files simply give no names.
 */
public final class SystemNames implements Names {
    private final Map<String, Integer> servicePorts = new HashMap<>();
    private final Map<String, String> serviceNames = new HashMap<>();
    private final Map<String, Integer> protocolNumbers = new HashMap<>();
    private final Map<Integer, String> protocolNames = new HashMap<>();
    private final Map<Integer, String> hostNames = new HashMap<>();
    private final Map<String, List<Integer>> hostAddresses = new HashMap<>();
    private final Map<Integer, String> networkNames = new HashMap<>();
    private final Map<String, Long> userIds = new HashMap<>();
    private final Map<Long, String> userNames = new HashMap<>();
    private final Map<String, Long> groupIds = new HashMap<>();
    private final Map<Long, String> groupNames = new HashMap<>();
    private final Map<String, Long> realmIds = new HashMap<>();
    private final Map<Long, String> realmNames = new HashMap<>();
    private final Map<String, Long> deviceGroupIds = new HashMap<>();
    private final Map<String, Integer> connlabelBits = new HashMap<>();
    private final Map<Integer, String> connlabelNames = new HashMap<>();
    private String connlabelMapError;
    private final Map<Long, String> deviceGroupNames = new HashMap<>();

    private static volatile SystemNames etc;

    /** The databases of this host's /etc, read once per process. */
    public static SystemNames fromEtc() {
        SystemNames names = etc;
        if (names == null) {
            names = fromDirectory(Path.of("/etc"));
            etc = names;
        }
        return names;
    }

    /** The databases in {@code dir} (services, protocols, hosts, networks, passwd, group). */
    public static SystemNames fromDirectory(Path dir) {
        SystemNames n = new SystemNames();
        n.readServices(lines(dir.resolve("services")));
        n.readProtocols(lines(dir.resolve("protocols")));
        n.readHosts(lines(dir.resolve("hosts")));
        n.readNetworks(lines(dir.resolve("networks")));
        readIds(colonLines(dir.resolve("passwd")), n.userIds, n.userNames);
        readIds(colonLines(dir.resolve("group")), n.groupIds, n.groupNames);
        readLmap(dir.resolve("iproute2/rt_realms"), n.realmIds, n.realmNames);
        readLmap(dir.resolve("iproute2/group"), n.deviceGroupIds, n.deviceGroupNames);
        n.connlabelMapError = ConnlabelMap.read(dir.resolve("xtables/connlabel.conf"), n.connlabelBits,
                n.connlabelNames);
        return n;
    }

    private static List<String[]> lines(Path file) {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!text.isEmpty()) {
                    out.add(text.split("\\s+"));
                }
            }
        } catch (IOException e) {
            // a host without this database has no names of this kind
        }
        return out;
    }

    /**
     * An iproute2 table as libxtables' xtables_lmap_fromfile reads it: "id name" lines, the id
     * decimal or 0x-hexadecimal in 0-255, blanks around, "#" starting a comment line; the first
     * line of a name or an id wins.
     */
    private static void readLmap(Path file, Map<String, Long> ids, Map<Long, String> names) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return;
        }
        for (String line : lines) {
            int i = 0;
            int n = line.length();
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == n || line.charAt(i) == '#') {
                continue;
            }
            boolean hex = line.startsWith("0x", i);
            int radix = hex ? 16 : 10;
            int start = hex ? i + 2 : i;
            int end = start;
            while (end < n && Character.digit(line.charAt(end), radix) >= 0 && line.charAt(end) < 0x80) {
                end++;
            }
            if (end == start || end - start > 8) {
                continue;
            }
            long id = Long.parseLong(line.substring(start, end), radix);
            if (id > 255 || end == n || !Character.isWhitespace(line.charAt(end))) {
                continue;
            }
            int from = end;
            while (from < n && Character.isWhitespace(line.charAt(from))) {
                from++;
            }
            if (from == n || line.charAt(from) == '#') {
                continue;
            }
            int to = from;
            while (to < n && !Character.isWhitespace(line.charAt(to))) {
                to++;
            }
            String name = line.substring(from, to);
            ids.putIfAbsent(name, id);
            names.putIfAbsent(id, name);
        }
    }

    /** passwd(5) and group(5) lines: colon-separated fields, no comments. */
    private static List<String[]> colonLines(Path file) {
        List<String[]> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                if (!line.isEmpty()) {
                    out.add(line.split(":", -1));
                }
            }
        } catch (IOException e) {
            // a host without this database has no names of this kind
        }
        return out;
    }

    /** name:password:id:... ; the first line of a name or an id wins, as glibc's files lookup. */
    private static void readIds(List<String[]> lines, Map<String, Long> ids, Map<Long, String> names) {
        for (String[] f : lines) {
            if (f.length < 3 || f[0].isEmpty() || f[0].startsWith("+") || f[0].startsWith("-")) {
                continue;
            }
            long id;
            try {
                id = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (id < 0 || id > 0xFFFFFFFFL) {
                continue;
            }
            ids.putIfAbsent(f[0], id);
            names.putIfAbsent(id, f[0]);
        }
    }

    private void readServices(List<String[]> lines) {
        for (String[] f : lines) {
            if (f.length < 2 || f[1].indexOf('/') < 0) {
                continue;
            }
            String[] portProto = f[1].split("/");
            int port;
            try {
                port = Integer.parseInt(portProto[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            String proto = portProto[1];
            serviceNames.putIfAbsent(port + "/" + proto, f[0]);
            for (int i = 0; i < f.length; i++) {
                if (i == 1) {
                    continue;
                }
                servicePorts.putIfAbsent(f[i] + "/" + proto, port);
            }
        }
    }

    private void readProtocols(List<String[]> lines) {
        for (String[] f : lines) {
            if (f.length < 2) {
                continue;
            }
            int number;
            try {
                number = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            protocolNames.putIfAbsent(number, f[0]);
            protocolNumbers.putIfAbsent(f[0], number);
            for (int i = 2; i < f.length; i++) {
                protocolNumbers.putIfAbsent(f[i], number);
            }
        }
    }

    private void readHosts(List<String[]> lines) {
        for (String[] f : lines) {
            if (f.length < 2 || f[0].contains(":")) {
                continue;
            }
            int address;
            try {
                address = Addresses.parse(f[0]);
            } catch (IllegalArgumentException e) {
                continue;
            }
            hostNames.putIfAbsent(address, f[1]);
            for (int i = 1; i < f.length; i++) {
                hostAddresses.computeIfAbsent(f[i], k -> new ArrayList<>()).add(address);
            }
        }
    }

    private void readNetworks(List<String[]> lines) {
        for (String[] f : lines) {
            if (f.length < 2) {
                continue;
            }
            Integer address = networkAddress(f[1]);
            if (address != null) {
                networkNames.putIfAbsent(address, f[0]);
            }
        }
    }

    /** /etc/networks writes networks with trailing zero octets left out ("127" for 127.0.0.0). */
    private static Integer networkAddress(String text) {
        String[] parts = text.split("\\.");
        if (parts.length > 4) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int octet = 0;
            if (i < parts.length) {
                try {
                    octet = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            v = (v << 8) | (octet & 0xFF);
        }
        return v;
    }

    @Override
    public String serviceName(int port, String protocol) {
        return serviceNames.get(port + "/" + protocol);
    }

    @Override
    public int servicePort(String name, String protocol) {
        return servicePorts.getOrDefault(name + "/" + protocol, -1);
    }

    @Override
    public String protocolName(int number) {
        return protocolNames.get(number);
    }

    @Override
    public int protocolNumber(String name) {
        return protocolNumbers.getOrDefault(name, -1);
    }

    @Override
    public String hostName(int address) {
        return hostNames.get(address);
    }

    @Override
    public String networkName(int address) {
        return networkNames.get(address);
    }

    @Override
    public int[] hostAddresses(String name) {
        List<Integer> list = hostAddresses.get(name);
        return list == null ? new int[0] : list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public long userId(String name) {
        return userIds.getOrDefault(name, -1L);
    }

    @Override
    public String userName(long uid) {
        return userNames.get(uid);
    }

    @Override
    public long groupId(String name) {
        return groupIds.getOrDefault(name, -1L);
    }

    @Override
    public String groupName(long gid) {
        return groupNames.get(gid);
    }

    /**
     * Looks in this machine's cgroup v2 hierarchy (the first cgroup2 mount of /proc/self/mounts),
     * where iptables' kernel looks; without one, only the root exists.
     */
    @Override
    public boolean cgroupExists(String path) {
        Path dir = CgroupHierarchy.ROOT;
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            if (dir == null || component.equals(".") || component.equals("..")) {
                return false;
            }
            dir = dir.resolve(component);
        }
        return dir == null || java.nio.file.Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public int connlabelBit(String name) {
        return connlabelBits.getOrDefault(name, -1);
    }

    @Override
    public String connlabelName(int bit) {
        return connlabelNames.get(bit);
    }

    @Override
    public String connlabelMapError() {
        return connlabelMapError;
    }

    @Override
    public long realmId(String name) {
        return realmIds.getOrDefault(name, -1L);
    }

    @Override
    public String realmName(long id) {
        return realmNames.get(id);
    }

    @Override
    public long deviceGroupId(String name) {
        return deviceGroupIds.getOrDefault(name, -1L);
    }

    @Override
    public String deviceGroupName(long id) {
        return deviceGroupNames.get(id);
    }
}

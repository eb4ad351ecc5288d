package org.jptables.capture.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jptables.api.Addresses;
import org.jptables.capture.PcapWriter;

/**
 * A small office's traffic as tcpdump on the firewall host's eth0 would record it (the topology of
 * shared/conformance: the host is 198.18.0.1, every other address is reached through the gateway
 * 198.18.0.2). One "round" is a few minutes of the office's day: pings, DNS (the host answers for
 * the office's zone and asks an upstream resolver itself), ssh sessions with interactive typing and
 * an upload, HTTP and HTTPS sessions to the host, the host's own HTTPS download, a SYN scan of
 * common ports (closed ports answered with RST) and a connection to port 8080, which the office
 * forwards (DNAT) to 198.18.1.2:80; of that one only what crossed eth0 is in the capture.
 *
 * <p>The first round is {@code samples/office.pcap}. Larger captures repeat rounds with other
 * clients, ports, sequence numbers and sizes, all drawn from one seeded {@link Random}: the same
 * seed gives the same bytes, so the build can make the sample instead of shipping it.
 */
public final class OfficeTraffic {
    /** The seed of the shipped sample. */
    public static final long SEED = 20250303L;

    static final int HOST = Addresses.parse("198.18.0.1");
    static final int GATEWAY = Addresses.parse("198.18.0.2");
    static final long HOST_MAC = 0x020000000001L;
    static final long GATEWAY_MAC = 0x020000000002L;
    private static final int RESOLVER = Addresses.parse("198.51.100.53");
    private static final int UPDATES = Addresses.parse("203.0.113.80");
    /** 2025-03-03 08:00:00 UTC: the sample's first frame. */
    private static final long START = 1_740_988_800L * 1_000_000_000L;
    private static final long MS = 1_000_000L;
    /** Ports a scan tries, as nmap's most common ones; those the host serves answer SYN-ACK. */
    private static final int[] SCANNED = {21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1723,
        3306, 3389, 5900, 8080, 8443, 1025, 587, 199, 113, 81, 8888, 554, 465, 548};
    private static final String[] NAMES = {"www.office.example", "mail.office.example", "vpn.office.example",
        "files.office.example"};

    private final FrameWriter out;
    private final Random random;
    private final byte[] encrypted = new byte[65536];
    private final byte[] httpResponse;
    private final byte[] httpRequest = ("GET /reports/2025/q1.html HTTP/1.1\r\nHost: www.office.example\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0\r\n"
            + "Accept: text/html,application/xhtml+xml\r\nAccept-Language: en-GB,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private final byte[] sshBanner = "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5\r\n".getBytes(StandardCharsets.US_ASCII);
    private final byte[] ping = new byte[56];
    private final byte[] dns = new byte[512];
    private long now = START;

    private OfficeTraffic(PcapWriter pcap, long seed) {
        this.out = new FrameWriter(pcap, HOST, HOST_MAC, GATEWAY_MAC);
        this.random = new Random(seed);
        random.nextBytes(encrypted);
        StringBuilder page = new StringBuilder("HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nConnection: keep-alive\r\n\r\n<!DOCTYPE html>\n<html>");
        while (page.length() < 65536) {
            page.append("<tr><td>Quarterly figures</td><td>").append(page.length()).append("</td></tr>\n");
        }
        httpResponse = page.toString().getBytes(StandardCharsets.US_ASCII);
        for (int i = 16; i < ping.length; i++) {
            ping[i] = (byte) i; // ping's pattern after its timestamp: 0x10, 0x11, ...
        }
    }

    /** What a generation wrote. */
    public record Written(long packets, long bytes, int rounds) {
    }

    /**
     * Writes rounds of office traffic to {@code file} until its frames reach {@code targetBytes}
     * (at least one round: 0 gives the sample).
     */
    public static Written write(Path file, long seed, long targetBytes) throws IOException {
        try (PcapWriter pcap = new PcapWriter(file)) {
            OfficeTraffic office = new OfficeTraffic(pcap, seed);
            int rounds = 0;
            do {
                office.round(rounds == 0);
                rounds++;
            } while (office.out.bytes() < targetBytes);
            return new Written(office.out.packets(), office.out.bytes(), rounds);
        }
    }

    /** For the build: {@code OfficeTraffic FILE} writes the sample with the fixed seed. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OfficeTraffic FILE.pcap");
        }
        Path file = Path.of(args[0]);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Written w = write(file, SEED, 0);
        System.out.println("office traffic: " + w.packets() + " frames, " + w.bytes() + " bytes in " + file);
    }

    private void round(boolean first) throws IOException {
        int admin = first ? GATEWAY : client();
        pings(client());
        pause();
        dnsQueries(client(), 2);
        pause();
        ssh(admin);
        pause();
        http(client());
        pause();
        hostLookupAndDownload();
        pause();
        https(client());
        pause();
        scan(client());
        pause();
        forwarded(client());
        pause();
        ssh(client());
        pause();
    }

    /** An address on the internet side: the documentation ranges 203.0.113.0/24 and 198.51.100.0/24. */
    private int client() {
        int net = random.nextBoolean() ? Addresses.parse("203.0.113.0") : Addresses.parse("198.51.100.0");
        int address;
        do {
            address = net | (2 + random.nextInt(252));
        } while (address == RESOLVER || address == UPDATES);
        return address;
    }

    private int ephemeralPort() {
        return 32768 + random.nextInt(28232); // Linux's ip_local_port_range
    }

    private long isn() {
        return random.nextInt() & 0xFFFFFFFFL;
    }

    /** Hops from the internet: TTLs of 64 minus a few routers. */
    private int remoteTtl(int address) {
        return address == GATEWAY ? 64 : 64 - 6 - random.nextInt(14);
    }

    private long rtt(int address) {
        return address == GATEWAY ? 300_000 : (8 + random.nextInt(70)) * MS;
    }

    private void pause() {
        now += 200 * MS + random.nextInt(1800) * MS;
    }

    private void pings(int from) throws IOException {
        int id = random.nextInt(65536);
        int ttl = remoteTtl(from);
        for (int seq = 1; seq <= 3; seq++) {
            out.icmpEcho(now, ttl, from, HOST, 8, id, seq, ping, ping.length);
            out.icmpEcho(now + 40_000, 64, HOST, from, 0, id, seq, ping, ping.length);
            now += 1000 * MS;
        }
    }

    private void dnsQueries(int from, int count) throws IOException {
        int ttl = remoteTtl(from);
        long rtt = rtt(from);
        for (int i = 0; i < count; i++) {
            int port = ephemeralPort();
            int id = random.nextInt(65536);
            String name = NAMES[random.nextInt(NAMES.length)];
            out.udp(now, ttl, from, HOST, port, 53, dns, dnsMessage(id, name, false));
            out.udp(now + 150_000, 64, HOST, from, 53, port, dns, dnsMessage(id, name, true));
            now += rtt + 30 * MS;
        }
    }

    /** A DNS query for {@code name}'s A record, or its answer (an address in 192.0.2.0/24); returns its length. */
    private int dnsMessage(int id, String name, boolean answer) {
        int n = 0;
        dns[n++] = (byte) (id >>> 8);
        dns[n++] = (byte) id;
        dns[n++] = (byte) (answer ? 0x85 : 0x01); // answer: QR, authoritative, RD; query: RD
        dns[n++] = (byte) (answer ? 0x80 : 0x00); // RA in the answer
        dns[n++] = 0;
        dns[n++] = 1; // one question
        dns[n++] = 0;
        dns[n++] = (byte) (answer ? 1 : 0);
        for (int i = 0; i < 4; i++) {
            dns[n++] = 0;
        }
        for (String label : name.split("\\.")) {
            dns[n++] = (byte) label.length();
            for (int i = 0; i < label.length(); i++) {
                dns[n++] = (byte) label.charAt(i);
            }
        }
        dns[n++] = 0;
        dns[n++] = 0;
        dns[n++] = 1; // type A
        dns[n++] = 0;
        dns[n++] = 1; // class IN
        if (answer) {
            byte[] rr = {(byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, (byte) 192, 0, 2, (byte) (10 + name.length())};
            System.arraycopy(rr, 0, dns, n, rr.length);
            n += rr.length;
        }
        return n;
    }

    private TcpConversation tcp(int client, int server, int serverPort, int serverTtl) {
        int remote = client == HOST ? server : client;
        return new TcpConversation(out, client, ephemeralPort(), server, serverPort,
                client == HOST ? 64 : remoteTtl(client), serverTtl, isn(), isn(), rtt(remote));
    }

    /** Banners, key exchange, authentication, some typing echoed back, an upload, then the client logs out. */
    private void ssh(int from) throws IOException {
        TcpConversation c = tcp(from, HOST, 22, 64);
        now = c.open(now);
        now = c.send(now, false, sshBanner, sshBanner.length);
        now = c.send(now, true, sshBanner, sshBanner.length);
        now = c.send(now, true, encrypted, 1512);            // KEXINIT
        now = c.send(now, false, encrypted, 1080);           // KEXINIT
        now = c.send(now, true, encrypted, 1240);            // ECDH/ML-KEM init
        now = c.send(now, false, encrypted, 1640 + 16);      // reply, host key, NEWKEYS
        now = c.send(now, true, encrypted, 16 + 44);         // NEWKEYS, service request
        now = c.send(now, false, encrypted, 44);
        now = c.send(now, true, encrypted, 700);             // public key authentication
        now = c.send(now, false, encrypted, 620);
        int keystrokes = 10 + random.nextInt(30);
        for (int i = 0; i < keystrokes; i++) {
            now = c.send(now, true, encrypted, 36);
            now = c.send(now, false, encrypted, 36);
            now += (80 + random.nextInt(300)) * MS;
        }
        now = c.send(now, true, encrypted, 20_000 + random.nextInt(40_000)); // scp of a file
        now = c.send(now, false, encrypted, 100);
        now = c.close(now, true);
    }

    /** Two requests on one keep-alive connection; the browser closes it. */
    private void http(int from) throws IOException {
        TcpConversation c = tcp(from, HOST, 80, 64);
        now = c.open(now);
        for (int i = 0; i < 2; i++) {
            now = c.send(now, true, httpRequest, httpRequest.length);
            now = c.send(now, false, httpResponse, 4_000 + random.nextInt(60_000));
            now += (500 + random.nextInt(3000)) * MS;
        }
        now = c.close(now, true);
    }

    /** TLS 1.3: hellos and certificate, the client's finish, a ticket, a request, the answer, close_notify. */
    private void https(int from) throws IOException {
        TcpConversation c = tcp(from, HOST, 443, 64);
        tls(c, 517, 4_000 + random.nextInt(60_000), false);
    }

    private void tls(TcpConversation c, int hello, int answer, boolean serverCloses) throws IOException {
        now = c.open(now);
        now = c.send(now, true, encrypted, hello);
        now = c.send(now, false, encrypted, 3900);
        now = c.send(now, true, encrypted, 126);
        now = c.send(now, false, encrypted, 255);
        now = c.send(now, true, encrypted, 420);
        now = c.send(now, false, encrypted, answer);
        now = c.send(now, true, encrypted, 24);
        now = c.close(now, !serverCloses);
    }

    /** The host asks its resolver for the update server's address, then downloads over HTTPS. */
    private void hostLookupAndDownload() throws IOException {
        int port = ephemeralPort();
        int id = random.nextInt(65536);
        long rtt = rtt(RESOLVER);
        out.udp(now, 64, HOST, RESOLVER, port, 53, dns, dnsMessage(id, "updates.example.net", false));
        out.udp(now + rtt, remoteTtl(RESOLVER), RESOLVER, HOST, 53, port, dns, dnsMessage(id, "updates.example.net", true));
        now += rtt + 2 * MS;
        TcpConversation c = tcp(HOST, UPDATES, 443, remoteTtl(UPDATES));
        tls(c, 1800, 20_000 + random.nextInt(40_000), true);
    }

    /** A SYN scan: one probe a millisecond, ports in nmap's order, the host's open ports answer. */
    private void scan(int from) throws IOException {
        int port = ephemeralPort();
        for (int target : SCANNED) {
            boolean open = target == 22 || target == 53 || target == 80 || target == 443 || target == 8080;
            // the forwarded port is answered by the server inside, one router further
            TcpConversation c = new TcpConversation(out, from, port, HOST, target, remoteTtl(from),
                    target == 8080 ? 63 : 64, isn(), isn(), 2 * MS);
            now = c.probe(now, true, open) + MS;
        }
    }

    /** A page from the web server inside (198.18.1.2:80), reached through the host's port 8080. */
    private void forwarded(int from) throws IOException {
        TcpConversation c = tcp(from, HOST, 8080, 63);
        now = c.open(now);
        now = c.send(now, true, httpRequest, httpRequest.length);
        now = c.send(now, false, httpResponse, 10_000 + random.nextInt(30_000));
        now = c.close(now, true);
    }
}

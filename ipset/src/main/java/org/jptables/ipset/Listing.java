package org.jptables.ipset;

import java.util.ArrayList;
import java.util.List;
import org.jptables.kernel.ipset.CreateAttributes;
import org.jptables.kernel.ipset.SetAttributes;
import org.jptables.kernel.ipset.SetSlot;
import org.jptables.kernel.ipset.SetStore;

/**
 * ipset's list and save output (libipset's list_create, list_adt and print_set_done): the plain
 * listing, the save format, XML, names only (-name) or headers only (-terse), entries sorted on
 * request for the hash types (-sorted, bystrcmp).
 */
final class Listing {
    private final Session s;
    private final StringBuilder out;
    private int printed;

    Listing(Session session, StringBuilder out) {
        this.s = session;
        this.out = out;
    }

    /** The sets, in the kernel's dump order (or the one named), each as the mode says. */
    void sets(List<SetSlot> slots) {
        Session.Mode mode = s.mode;
        if (mode == Session.Mode.XML) {
            out.append("<ipsets>\n");
        }
        for (SetSlot slot : slots) {
            set(slot);
        }
        if (mode == Session.Mode.XML) {
            out.append("</ipsets>\n");
        }
    }

    private void set(SetSlot slot) {
        SetStore store = s.store;
        SetStore.Header h = store.header(slot);
        Session.Mode mode = s.mode;
        if (s.has(Session.Env.LIST_SETNAME) && mode != Session.Mode.SAVE) {
            out.append(mode == Session.Mode.XML ? "<ipset name=\"" + h.name() + "\"/>\n" : h.name() + "\n");
            return;
        }
        TypeDef type = Types.of(h.type());
        header(h, type);
        boolean headerOnly = s.has(Session.Env.LIST_HEADER);
        if (!headerOnly) {
            List<String> lines = new ArrayList<>();
            String prefix = mode == Session.Mode.SAVE ? "add " + h.name() + " " : "";
            for (SetAttributes a : store.entries(slot)) {
                lines.add(entry(h.name(), type, a));
            }
            if (s.has(Session.Env.SORTED) && type.kernelType.isHash()) {
                int skip = mode == Session.Mode.SAVE ? prefix.length() : mode == Session.Mode.XML ? 14 : 0;
                boolean resolve = s.has(Session.Env.RESOLVE);
                lines.sort((x, y) -> resolve ? x.compareTo(y) : compare(x.substring(skip), y.substring(skip)));
            }
            lines.forEach(out::append);
        }
        if (mode == Session.Mode.XML) {
            out.append(headerOnly ? "</ipset>\n" : "</members>\n</ipset>\n");
        }
    }

    /** list_create. */
    private void header(SetStore.Header h, TypeDef type) {
        Data d = headerData(h, type);
        Session.Mode mode = s.mode;
        switch (mode) {
            case SAVE -> out.append("create ").append(h.name()).append(' ').append(type.name);
            case XML -> out.append("<ipset name=\"").append(h.name()).append("\">\n<type>").append(type.name)
                    .append("</type>\n<revision>").append(type.revision).append("</revision>\n<header>");
            default -> out.append(printed > 0 ? "\n" : "").append("Name: ").append(h.name()).append("\nType: ")
                    .append(type.name).append("\nRevision: ").append(type.revision).append("\nHeader:");
        }
        for (Keyword k : type.command(TypeDef.CREATE).args()) {
            if (k.printer == null || !d.has(k.opt) || (k.opt == Opt.FAMILY && d.family == type.family)) {
                continue;
            }
            option(k, d, out);
        }
        boolean headerOnly = s.has(Session.Env.LIST_HEADER);
        switch (mode) {
            case SAVE -> out.append('\n');
            case XML -> out.append("\n<memsize>").append(h.memory()).append("</memsize>\n<references>")
                    .append(h.references()).append("</references>\n<numentries>").append(h.elements())
                    .append("</numentries>\n").append(headerOnly ? "</header>\n" : "</header>\n<members>\n");
            default -> out.append("\nSize in memory: ").append(h.memory()).append("\nReferences: ")
                    .append(h.references()).append("\nNumber of entries: ").append(h.elements())
                    .append(headerOnly ? "\n" : "\nMembers:\n");
        }
        printed++;
    }

    private void option(Keyword k, Data d, StringBuilder to) {
        boolean resolve = s.has(Session.Env.RESOLVE);
        if (s.mode == Session.Mode.XML) {
            if (!k.takesValue) {
                to.append('<').append(k.name).append("/>");
            } else {
                to.append('<').append(k.name).append('>').append(k.printer.print(d, k.opt, s.names, resolve))
                        .append("</").append(k.name).append('>');
            }
        } else if (!k.takesValue) {
            to.append(' ').append(k.name);
        } else {
            to.append(' ').append(k.name).append(' ').append(k.printer.print(d, k.opt, s.names, resolve));
        }
    }

    /** list_adt: one entry's line. */
    private String entry(String name, TypeDef type, SetAttributes a) {
        Data d = entryData(type, a);
        StringBuilder line = new StringBuilder();
        switch (s.mode) {
            case SAVE -> line.append("add ").append(name).append(' ');
            case XML -> line.append("<member><elem>");
            default -> {
            }
        }
        line.append(Elements.print(d, type, s.names, s.has(Session.Env.RESOLVE)));
        if (s.mode == Session.Mode.XML) {
            line.append("</elem>");
        }
        for (Keyword k : type.command(TypeDef.ADD).args()) {
            if (k.printer != null && d.has(k.opt)) {
                option(k, d, line);
            }
        }
        return line.append(s.mode == Session.Mode.XML ? "</member>\n" : "\n").toString();
    }

    /** A set's header as libipset's data: the options the kernel reported, and the family. */
    private static Data headerData(SetStore.Header h, TypeDef type) {
        Data d = new Data();
        CreateAttributes c = h.options();
        d.family = h.type().hasFamily() ? Data.INET : Data.UNSPEC;
        d.set(Opt.FAMILY);
        d.create.hashSize = c.hashSize;
        d.create.maxElem = c.maxElem;
        d.create.netmask = c.netmask;
        d.create.bitmask = c.bitmask;
        d.create.bucketSize = c.bucketSize;
        d.create.initval = c.initval;
        d.create.size = c.size;
        mark(d, Opt.HASHSIZE, c.hashSize);
        mark(d, Opt.MAXELEM, c.maxElem);
        mark(d, Opt.NETMASK, c.netmask);
        mark(d, Opt.BITMASK, c.bitmask);
        mark(d, Opt.BUCKETSIZE, c.bucketSize);
        mark(d, Opt.INITVAL, c.initval);
        mark(d, Opt.SIZE, c.size);
        d.element.timeout = c.timeout;
        mark(d, Opt.TIMEOUT, c.timeout);
        if (c.counters) {
            d.set(Opt.COUNTERS);
        }
        if (c.comment) {
            d.set(Opt.CREATE_COMMENT);
        }
        if (c.skbinfo) {
            d.set(Opt.SKBINFO);
        }
        // the kernel reports forceadd, but libipset's reader of the flags has no bit for it
        if (c.ip != null) {
            d.element.ip = c.ip;
            d.element.ipTo = c.ipTo;
            d.set(Opt.IP);
            d.set(Opt.IP_TO);
        }
        if (c.port != null) {
            d.element.port = c.port;
            d.element.portTo = c.portTo;
            d.set(Opt.PORT);
            d.set(Opt.PORT_TO);
        }
        return d;
    }

    private static void mark(Data d, Opt opt, Object value) {
        if (value != null) {
            d.set(opt);
        }
    }

    /** An entry as libipset's data: the attributes the kernel reported. */
    static Data entryData(TypeDef type, SetAttributes a) {
        Data d = new Data();
        d.family = type.kernelType.hasFamily() ? Data.INET : Data.UNSPEC;
        SetAttributes e = d.element;
        e.ip = a.ip;
        e.cidr = a.cidr;
        e.port = a.port;
        e.proto = a.proto;
        e.ip2 = a.ip2;
        e.mac = a.mac;
        e.name = a.name;
        e.nomatch = a.nomatch;
        e.timeout = a.timeout;
        e.packets = a.packets;
        e.bytes = a.bytes;
        e.comment = a.comment;
        e.skbMark = a.skbMark;
        e.skbPrio = a.skbPrio;
        e.skbQueue = a.skbQueue;
        mark(d, Opt.IP, a.ip);
        mark(d, Opt.CIDR, a.cidr);
        mark(d, Opt.PORT, a.port);
        mark(d, Opt.PROTO, a.proto);
        mark(d, Opt.IP2, a.ip2);
        mark(d, Opt.ETHER, a.mac);
        mark(d, Opt.NAME, a.name);
        mark(d, Opt.TIMEOUT, a.timeout);
        mark(d, Opt.PACKETS, a.packets);
        mark(d, Opt.BYTES, a.bytes);
        mark(d, Opt.ADT_COMMENT, a.comment);
        mark(d, Opt.SKBMARK, a.skbMark);
        mark(d, Opt.SKBPRIO, a.skbPrio);
        mark(d, Opt.SKBQUEUE, a.skbQueue);
        if (a.nomatch) {
            d.set(Opt.NOMATCH);
        }
        return d;
    }

    /** bystrcmp: entries compared by their leading numbers (hex, as strtol reads them), then text. */
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        int neg = 1;
        while (i < a.length() && j < b.length()) {
            long[] n1 = strtol16(a, i);
            long[] n2 = strtol16(b, j);
            if (n1[1] == i || n2[1] == j) {
                int c1 = span(a, i);
                int c2 = span(b, j);
                if (c1 != 0 || c2 != 0) {
                    if (c1 == c2) {
                        int cmp = a.substring(i, i + c1).compareTo(b.substring(j, j + c1));
                        if (cmp == 0) {
                            i += c1 + 1;
                            j += c1 + 1;
                            neg = 1;
                            continue;
                        }
                        return cmp;
                    }
                    return c1 < c2 ? -1 : 1;
                }
                return a.substring(i).compareTo(b.substring(j));
            }
            if (n1[0] != n2[0]) {
                return (int) (neg * (n1[0] - n2[0]));
            }
            int s1 = (int) n1[1];
            int s2 = (int) n2[1];
            char c1 = s1 < a.length() ? a.charAt(s1) : 0;
            char c2 = s2 < b.length() ? b.charAt(s2) : 0;
            if (c1 == '/' || c2 == '/') {
                if (c1 == c2) {
                    neg = c1 == '/' ? -1 : 1;
                } else if (c1 == '/') {
                    return 1;
                } else {
                    return -1;
                }
            }
            i = s1 + 1;
            j = s2 + 1;
            char d1 = i < a.length() ? a.charAt(i) : 0;
            char d2 = j < b.length() ? b.charAt(j) : 0;
            if (d1 == ':' || d2 == ':') {
                if (d1 == d2) {
                    i++;
                    j++;
                } else if (d1 == ':') {
                    return -1;
                } else {
                    return 1;
                }
            }
        }
        return i < a.length() ? 1 : (j < b.length() ? -1 : 0);
    }

    /** strcspn(s + from, ":,"). */
    private static int span(String s, int from) {
        int k = from;
        while (k < s.length() && s.charAt(k) != ':' && s.charAt(k) != ',') {
            k++;
        }
        return k - from;
    }

    /** strtol(s + from, &end, 16): {value, end index}; end is {@code from} when nothing was read. */
    private static long[] strtol16(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        boolean negative = false;
        if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
            negative = s.charAt(k) == '-';
            k++;
        }
        if (k + 2 < s.length() && s.charAt(k) == '0' && (s.charAt(k + 1) | 0x20) == 'x'
                && Character.digit(s.charAt(k + 2), 16) >= 0) {
            k += 2;
        }
        int start = k;
        long v = 0;
        while (k < s.length() && Character.digit(s.charAt(k), 16) >= 0) {
            if (v <= (Long.MAX_VALUE - 15) / 16) {
                v = v * 16 + Character.digit(s.charAt(k), 16);
            } else {
                v = Long.MAX_VALUE;
            }
            k++;
        }
        if (k == start) {
            return new long[] {0, from};
        }
        return new long[] {negative ? -v : v, k};
    }
}

package org.jptables.ipset;

import java.util.EnumSet;
import java.util.Set;
import org.jptables.kernel.ipset.CreateAttributes;
import org.jptables.kernel.ipset.SetAttributes;

/**
 * What one command has gathered so far (libipset's struct ipset_data): the set's name and type,
 * the element and option values, and which options were given, for the "already specified",
 * mandatory and allowed checks.
 */
final class Data {
    /** NFPROTO_UNSPEC, NFPROTO_IPV4, NFPROTO_IPV6. */
    static final int UNSPEC = 0;
    static final int INET = 2;
    static final int INET6 = 10;

    final Set<Opt> given = EnumSet.noneOf(Opt.class);
    String setName;
    String setName2;
    TypeDef type;
    int family = UNSPEC;
    /** The family was set by the parser of an address, not given: a later family option may still come. */
    boolean familyImplied;
    final SetAttributes element = new SetAttributes();
    final CreateAttributes create = new CreateAttributes();
    /** Options ipset ignores, and has warned about. */
    final Set<Opt> ignored = EnumSet.noneOf(Opt.class);

    boolean has(Opt opt) {
        return given.contains(opt);
    }

    void set(Opt opt) {
        given.add(opt);
    }

    void unset(Opt opt) {
        given.remove(opt);
    }

    /** ipset_data_reset: everything forgotten, as after an error. */
    void reset() {
        given.clear();
        setName = null;
        setName2 = null;
        type = null;
        family = UNSPEC;
        familyImplied = false;
        SetAttributes e = element;
        e.ip = null;
        e.ipTo = null;
        e.cidr = null;
        e.port = null;
        e.portTo = null;
        e.proto = null;
        e.ip2 = null;
        e.mac = null;
        e.name = null;
        e.nameRef = null;
        e.before = false;
        e.nomatch = false;
        e.timeout = null;
        e.packets = null;
        e.bytes = null;
        e.comment = null;
        e.skbMark = null;
        e.skbPrio = null;
        e.skbQueue = null;
        CreateAttributes c = create;
        c.hashSize = null;
        c.maxElem = null;
        c.netmask = null;
        c.bitmask = null;
        c.timeout = null;
        c.counters = false;
        c.comment = false;
        c.skbinfo = false;
        c.forceadd = false;
        c.bucketSize = null;
        c.initval = null;
        c.ip = null;
        c.ipTo = null;
        c.cidr = null;
        c.port = null;
        c.portTo = null;
        c.size = null;
        ignored.clear();
    }
}

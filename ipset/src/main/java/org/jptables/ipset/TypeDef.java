package org.jptables.ipset;

import java.util.List;
import java.util.Set;
import org.jptables.kernel.ipset.SetType;

/**
 * One set type as the ipset tool knows it (libipset's struct ipset_type at one revision): its
 * element's parts, each read and printed its way, and per command the options it takes, needs
 * and allows.
 */
final class TypeDef {
    /** IPSET_CREATE, IPSET_ADD, IPSET_DEL, IPSET_TEST. */
    static final int CREATE = 0;
    static final int ADD = 1;
    static final int DEL = 2;
    static final int TEST = 3;

    /** The family of a type: one family, both (NFPROTO_IPSET_IPV46) or neutral. */
    static final int FAMILY_BOTH = 255;

    /** One part of the element. */
    record Part(Parsers.Parser parser, Printers.Printer printer, Opt opt) {
    }

    /** What one command takes: its options, the options it needs and allows, its help. */
    record Command(List<Keyword> args, Set<Opt> need, Set<Opt> full, String help) {
    }

    final String name;
    final String alias;
    final int revision;
    final int family;
    final List<Part> parts;
    /** list:set's old element syntax, or null. */
    final Parsers.Parser compat;
    final Command[] commands;
    final String usage;
    /** Whether the help ends with the port usage (ipset_port_usage). */
    final boolean portUsage;
    final String description;
    final SetType kernelType;

    TypeDef(SetType kernelType, String alias, int family, List<Part> parts, Parsers.Parser compat, Command create,
            Command add, Command del, Command test, String usage, boolean portUsage, String description) {
        this.kernelType = kernelType;
        this.name = kernelType.typeName();
        this.alias = alias;
        this.revision = kernelType.revision();
        this.family = family;
        this.parts = parts;
        this.compat = compat;
        this.commands = new Command[] {create, add, del, test};
        this.usage = usage;
        this.portUsage = portUsage;
        this.description = description;
    }

    int dimension() {
        return parts.size();
    }

    Command command(int which) {
        return commands[which];
    }

    /** ipset_match_typename: the name or the alias. */
    boolean named(String text) {
        return name.equals(text) || alias.equals(text);
    }
}

package org.jptables.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.Test;

/** The command line without any extension: commands, general options, getopt_long's abbreviations. */
class CommandParserTest {
    private static final List<String> LONG = List.of("append", "delete", "check", "insert", "replace", "list",
            "list-rules", "flush", "zero", "new-chain", "delete-chain", "rename-chain", "policy", "jump", "table",
            "match", "numeric", "verbose", "wait", "wait-interval", "exact", "version", "help", "line-numbers",
            "modprobe", "set-counters", "goto", "ipv4", "ipv6", "source", "src", "destination", "dst", "protocol",
            "in-interface", "out-interface", "fragment");

    private final CommandParser parser = new CommandParser(ExtensionRegistry.of(List.of(), List.of(), Map.of()),
            SystemNames.fromEtc(), new HashMap<>(), false);

    private ParsedCommand parse(String line) throws ParameterException {
        return parser.parse(List.of(line.split(" ")));
    }

    @Test
    void generalOptionsAndTheirCommand() throws ParameterException {
        ParsedCommand c = parse("-t nat -L PREROUTING -n -v -x --line-numbers");
        assertTrue(c.isOnly(CommandKind.LIST));
        assertEquals("nat", c.table());
        assertEquals("PREROUTING", c.chain());
        assertTrue(c.numeric() && c.verbose() && c.exact() && c.lineNumbers());
        ParsedCommand p = parse("-P FORWARD DROP");
        assertTrue(p.isOnly(CommandKind.SET_POLICY));
        assertEquals("DROP", p.policy());
        assertEquals("filter", p.table());
        ParsedCommand e = parse("-E old new");
        assertEquals("new", e.newName());
    }

    @Test
    void longOptionsMayBeAbbreviatedWhileUnambiguous() throws ParameterException {
        assertTrue(parse("--list-r INPUT").isOnly(CommandKind.LIST_RULES));
        assertTrue(parse("--new web").isOnly(CommandKind.NEW_CHAIN));
        assertTrue(parse("--fl").isOnly(CommandKind.FLUSH));
    }

    @Test
    void twoCommandsOnOneLineAreRefused() {
        ParameterException e = assertThrows(ParameterException.class, () -> parse("-L INPUT -F INPUT"));
        assertTrue(e.getMessage().startsWith("Cannot use -"), e.getMessage());
    }

    /** getopt_long: a prefix names an option exactly when all the long names it begins agree on one option. */
    @Property
    void aPrefixResolvesExactlyWhenItIsUnambiguous(@ForAll @IntRange(min = 0, max = 36) int which,
                                                  @ForAll @IntRange(min = 1, max = 20) int length) {
        String name = LONG.get(which);
        String prefix = name.substring(0, Math.min(length, name.length()));
        char letter = MainOptionTable.letterOf(prefix);
        if (MainOptionTable.isLongName(prefix)) {
            assertTrue(letter != 0, prefix);
        } else {
            assertEquals(MainOptionTable.prefixCount(prefix) == 1, letter != 0, prefix);
            if (letter != 0) {
                assertEquals(MainOptionTable.letterOf(name), letter, prefix + " abbreviates " + name);
            }
        }
    }
}

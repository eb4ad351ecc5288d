package org.jptables.ipset;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Names;
import org.jptables.kernel.ipset.SetStore;

/**
 * The {@code ipset} command (ipset 7.17, libipset's ipset.c) on a {@link SetStore}: the general
 * options taken out of the words first, then the command (any prefix of its name), its set names,
 * the element and the type's options; help and version; restore from standard input or a file.
 * Every message, listing and exit status is the real tool's.
 *
 * <pre>
 * int status = new IpsetTool(store, names, in, out, err, Path.of(".")).run(List.of("list", "-t"));
 * </pre>
 */
public final class IpsetTool {
    /** The ipset version jptables speaks as. */
    public static final String VERSION = "7.17";
    /** IPSET_PROTOCOL. */
    static final int PROTOCOL = 7;
    /** MAX_ARGS: the most words a line may have. */
    static final int MAX_ARGS = 32;

    private final Session session;
    private final InputStream in;
    private final PrintStream out;
    private final Path directory;
    private final Commands commands;
    private String fileName;
    /** The line of a restore being run, 0 outside restore. */
    int restoreLine;

    /**
     * A tool on {@code store}, resolving names with {@code names}, reading a restore from
     * {@code in}, writing to {@code out} and {@code err}, and finding {@code -file} paths from
     * {@code directory}.
     */
    public IpsetTool(SetStore store, Names names, InputStream in, PrintStream out, PrintStream err, Path directory) {
        this.session = new Session(store, names, err);
        this.in = in;
        this.out = out;
        this.directory = directory;
        this.commands = new Commands(session, out);
    }

    /** Runs one command line (without the program name) and returns ipset's exit status. */
    public int run(List<String> args) {
        try {
            CommandName cmd = parse(new ArrayList<>(args));
            if (cmd == CommandName.RESTORE) {
                new Restore(this, session, commands).run(in, fileName == null ? null : directory.resolve(fileName));
                return Outcome.NO_PROBLEM;
            }
            execute(cmd);
            return Outcome.NO_PROBLEM;
        } catch (Outcome o) {
            return o.status;
        } finally {
            commands.closeOutput();
        }
    }

    /** Whether any command changed the sets (for the caller that keeps them). */
    public boolean changed() {
        return commands.changed;
    }

    /** ipset_parse_argv's execution: the command, and the report's warnings. */
    void execute(CommandName cmd) {
        boolean ok = commands.execute(cmd, restoreLine);
        if (!ok || session.report.kind() != Report.Kind.NONE) {
            throw Outcome.standard(session);
        }
    }

    private Outcome parameter(String message) {
        return Outcome.custom(session, Outcome.PARAMETER_PROBLEM, message);
    }

    /** ipset_parser: the words of one command line, the program name not among them. */
    CommandName parse(List<String> argv) {
        if (argv.size() + 1 > MAX_ARGS) {
            throw parameter("Line is too long to parse.");
        }
        session.report.line = restoreLine;
        envOptions(argv);
        CommandName cmd = null;
        String arg0 = null;
        String arg1 = null;
        for (CommandName c : CommandName.values()) {
            if (argv.isEmpty() || !c.matches(argv.get(0))) {
                continue;
            }
            if (restoreLine != 0 && (c == CommandName.RESTORE || c == CommandName.VERSION || c == CommandName.HELP)) {
                throw parameter("Command `" + c.names[0] + "' is invalid in restore mode.");
            }
            argv.remove(0);
            cmd = c;
            if (c.args == CommandName.Args.TWO && argv.isEmpty()) {
                throw parameter("Missing mandatory argument to command " + c.names[0]);
            }
            if (c.args != CommandName.Args.NONE && !argv.isEmpty()) {
                arg0 = argv.remove(0);
            }
            if (c.args == CommandName.Args.TWO) {
                if (argv.isEmpty()) {
                    throw parameter("Missing second mandatory argument to command " + c.names[0]);
                }
                arg1 = argv.remove(0);
            }
            break;
        }
        if (cmd == null) {
            if (!argv.isEmpty()) {
                throw parameter("No command specified: unknown argument " + argv.get(0));
            }
            throw parameter("No command specified.");
        }
        switch (cmd) {
            case VERSION -> {
                out.print("ipset v" + VERSION + ", protocol version: " + PROTOCOL + "\n");
                throw Outcome.done();
            }
            case HELP -> {
                help(arg0);
                throw Outcome.done();
            }
            case QUIT -> throw Outcome.done();
            default -> {
            }
        }
        Data data = session.data;
        switch (cmd) {
            case CREATE -> {
                nameOrFail(Opt.SETNAME, arg0);
                typeName(arg1);
                TypeDef type = data.type;
                options(argv, type, TypeDef.CREATE, true);
                options(argv, type, TypeDef.CREATE, false);
                argv.clear();
                mandatory(type, TypeDef.CREATE, cmd);
                allowed(type, TypeDef.CREATE, cmd);
            }
            case LIST, SAVE, DESTROY, FLUSH -> {
                if (fileName != null && (cmd == CommandName.LIST || cmd == CommandName.SAVE)) {
                    commands.outputFile = directory.resolve(fileName);
                }
                if (arg0 != null) {
                    nameOrFail(Opt.SETNAME, arg0);
                }
            }
            case RENAME, SWAP -> {
                nameOrFail(Opt.SETNAME, arg0);
                nameOrFail(Opt.SETNAME2, arg1);
            }
            case RESTORE -> {
                if (!argv.isEmpty()) {
                    throw parameter("Unknown argument " + argv.get(0));
                }
                return cmd;
            }
            case ADD, DEL, TEST -> {
                nameOrFail(Opt.SETNAME, arg0);
                if (!commands.loadType()) {
                    throw Outcome.standard(session);
                }
                TypeDef type = data.type;
                if (!Elements.parse(session, type, arg1)) {
                    throw Outcome.standard(session);
                }
                int which = cmd == CommandName.ADD ? TypeDef.ADD : cmd == CommandName.DEL ? TypeDef.DEL : TypeDef.TEST;
                options(argv, type, which, false);
                argv.clear();
                mandatory(type, which, cmd);
                allowed(type, which, cmd);
            }
            default -> {
            }
        }
        if (!argv.isEmpty()) {
            throw parameter("Unknown argument " + argv.get(0));
        }
        return cmd;
    }

    /** The general options, taken out of the words wherever they stand, in the table's order. */
    private void envOptions(List<String> argv) {
        for (EnvOption o : EnvOption.values()) {
            for (int i = 0; i < argv.size(); ) {
                if (!o.matches(argv.get(i))) {
                    i++;
                    continue;
                }
                argv.remove(i);
                if (o.takesValue) {
                    if (i + 1 > argv.size()) {
                        throw parameter("Missing mandatory argument to option " + o.names[0]);
                    }
                    String value = argv.remove(i);
                    if (o == EnvOption.OUTPUT) {
                        switch (value) {
                            case "plain" -> session.mode = Session.Mode.PLAIN;
                            case "save" -> session.mode = Session.Mode.SAVE;
                            case "xml" -> session.mode = Session.Mode.XML;
                            default -> {
                                session.report.error("Syntax error: unknown output mode '" + value + "'");
                                throw Outcome.standard(session);
                            }
                        }
                    } else {
                        if (fileName != null) {
                            throw parameter("-file option cannot be used when full io is activated");
                        }
                        fileName = value;
                    }
                } else {
                    session.env.add(o.env);
                }
            }
        }
    }

    private void nameOrFail(Opt opt, String name) {
        if (!Parsers.setName(session, opt, name)) {
            throw Outcome.standard(session);
        }
    }

    /** ipset_parse_typename and ipset_type_get for create: a type the kernel lacks is its error. */
    private void typeName(String text) {
        if (text.length() > Parsers.MAX_NAME) {
            session.report.syntax("typename '" + text + "' is longer than " + Parsers.MAX_NAME + " characters");
            throw Outcome.standard(session);
        }
        String name = Types.resolve(text);
        if (name == null) {
            session.report.syntax("typename '" + text + "' is unknown");
            throw Outcome.standard(session);
        }
        TypeDef type = Types.named(name);
        if (type == null) {
            session.report.error("Kernel error received: set type not supported");
            throw Outcome.standard(session);
        }
        session.data.type = type;
        session.data.set(Opt.TYPENAME);
    }

    /** call_parser: the options after the element (create: the family first, then the others). */
    private void options(List<String> argv, TypeDef type, int which, boolean familyPass) {
        List<Keyword> args = type.command(which).args();
        if (args.isEmpty() && !argv.isEmpty()) {
            throw parameter("Unknown argument: `" + argv.get(0) + "'");
        }
        int i = 0;
        while (i < argv.size()) {
            Keyword found = null;
            for (Keyword k : args) {
                if (k.matches(argv.get(i))) {
                    found = k;
                    break;
                }
            }
            if (found == null) {
                throw parameter("Unknown argument: `" + argv.get(i) + "'");
            }
            String spelled = argv.get(i);
            i++;
            boolean parse = familyPass == (found.opt == Opt.FAMILY);
            String value;
            if (found.takesValue) {
                if (i >= argv.size()) {
                    throw parameter("Missing mandatory argument of option `" + found.name + "'");
                }
                value = argv.get(i);
                i++;
            } else {
                value = spelled;
            }
            if (parse && !callParser(found, value)) {
                throw Outcome.standard(session);
            }
        }
    }

    /** ipset_call_parser: an option given twice is refused. */
    private boolean callParser(Keyword k, String value) {
        Data d = session.data;
        if (d.has(k.opt) && !(k.opt == Opt.FAMILY && d.familyImplied)) {
            return session.report.syntax(k.name + " already specified");
        }
        return k.parser.parse(session, k.opt, value);
    }

    /** check_mandatory. */
    private void mandatory(TypeDef type, int which, CommandName cmd) {
        TypeDef.Command c = type.command(which);
        java.util.Set<Opt> flags = java.util.EnumSet.noneOf(Opt.class);
        flags.addAll(session.data.given);
        if (flags.contains(Opt.CIDR)) {
            flags.add(Opt.IP_TO);
        }
        for (Keyword k : c.args()) {
            if (c.need().contains(k.opt) && !flags.contains(k.opt)) {
                throw parameter("Mandatory option `" + k.name + "' is missing");
            }
        }
    }

    /** check_allowed: element forms and options the type does not take in this command. */
    private void allowed(TypeDef type, int which, CommandName cmd) {
        TypeDef.Command c = type.command(which);
        // ipset_type_add: every option a command takes is allowed in it
        java.util.Set<Opt> full = java.util.EnumSet.noneOf(Opt.class);
        full.addAll(c.full());
        for (Keyword k : c.args()) {
            full.add(k.opt);
        }
        if (full.contains(Opt.IP_TO)) {
            full.add(Opt.CIDR);
        }
        java.util.Set<Opt> relevant = which == TypeDef.CREATE ? Opt.CREATE_FLAGS : Opt.ADT_FLAGS;
        String family = switch (session.data.family) {
            case Data.INET -> "inet";
            case Data.INET6 -> "inet6";
            default -> "unspec";
        };
        String where = " in command " + cmd.names[0] + " with set type " + type.name + " and family " + family;
        for (Opt o : Opt.values()) {
            if (o.ordinal() < Opt.IP.ordinal() || o.ordinal() >= Opt.FLAGS.ordinal()) {
                continue;
            }
            if (!relevant.contains(o) || full.contains(o) || !session.data.has(o)) {
                continue;
            }
            switch (o) {
                case CIDR -> throw Outcome.custom(session, Outcome.OTHER_PROBLEM,
                        "IP/CIDR range is not allowed" + where);
                case IP_TO -> throw Outcome.custom(session, Outcome.OTHER_PROBLEM,
                        "FROM-TO IP range is not allowed" + where);
                case PORT_TO -> throw Outcome.custom(session, Outcome.OTHER_PROBLEM,
                        "FROM-TO port range is not allowed" + where);
                default -> {
                }
            }
            for (Keyword k : c.args()) {
                if (k.opt == o) {
                    throw Outcome.custom(session, Outcome.OTHER_PROBLEM, k.name + " parameter is not allowed" + where);
                }
            }
            throw Outcome.custom(session, Outcome.OTHER_PROBLEM,
                    "There are not allowed options (" + o.ordinal() + ") but can't resolve them. "
                            + "It's a bug, please report the problem.");
        }
    }

    /** The help command: the general help, then a type's or the list of types (not with -q). */
    private void help(String typeName) {
        out.print(Help.general());
        if (session.has(Session.Env.QUIET)) {
            return;
        }
        if (typeName != null) {
            TypeDef type = null;
            for (TypeDef t : Types.ALL) {
                if (t.named(typeName)) {
                    type = t;
                }
            }
            if (type == null) {
                throw parameter("Unknown settype: `" + typeName + "'");
            }
            out.print(Help.type(type));
        } else {
            out.print(Help.types());
        }
    }
}

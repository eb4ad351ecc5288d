package org.jptables.examples.pcaplog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jptables.api.Numbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads {@code --file} and {@code --snaplen} and checks the file when the rule is loaded: an
 * absolute path in an existing directory, and, if the file is there already, a pcap file this
 * target can append to. The file itself is opened only when the first packet arrives, since every
 * jptables command loads every rule.
 */
final class PcapLogBuilder implements TargetBuilder {
    private final RuleContext rule;
    private Path file;
    private int snaplen = PcapFile.MAX_SNAPLEN;

    PcapLogBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals(PcapLogExtension.SNAPLEN)) {
            long n = Numbers.parse(arg, 1, PcapFile.MAX_SNAPLEN);
            if (n < 0) {
                throw new RuleException(PcapLogExtension.NAME + ": bad value for option \"" + option
                        + "\", or out of range (1-" + PcapFile.MAX_SNAPLEN + ").");
            }
            snaplen = (int) n;
            return;
        }
        Path path;
        try {
            path = Path.of(arg);
        } catch (java.nio.file.InvalidPathException e) {
            path = null;
        }
        if (arg.isEmpty() || path == null || !path.isAbsolute()) {
            throw new RuleException(PcapLogExtension.NAME + ": option \"" + option + "\" needs an absolute path, not \""
                    + arg + "\".");
        }
        file = path.normalize();
    }

    @Override
    public Target build() throws RuleException {
        if (file == null) {
            // build() runs before the kernel checks mandatory options (as iptables' x6_fcheck does):
            // the same words as the kernel's own check
            throw new RuleException(PcapLogExtension.NAME + ": option \"" + PcapLogExtension.FILE + "\" must be specified\n");
        }
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new RuleException(PcapLogExtension.NAME + ": no directory " + dir + " for \"" + file + "\".");
        }
        if (Files.isDirectory(file)) {
            throw new RuleException(PcapLogExtension.NAME + ": \"" + file + "\" is a directory.");
        }
        String problem;
        try {
            problem = PcapFile.appendProblem(file);
        } catch (IOException e) {
            problem = "cannot be read (" + e.getMessage() + ")";
        }
        if (problem != null) {
            throw new RuleException(PcapLogExtension.NAME + ": \"" + file + "\" " + problem + ".");
        }
        PcapFile writer = rule.shared(PcapLogExtension.NAME + " " + file, () -> new PcapFile(file));
        return new PcapLogTarget(writer, snaplen);
    }
}

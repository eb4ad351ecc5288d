package org.jptables.live.hooks;

import java.util.List;
import java.util.stream.Collectors;

/** What one run of nft or iptables printed and how it ended. */
public record ToolResult(List<String> command, int exitCode, String stdout, String stderr) {
    public ToolResult {
        command = List.copyOf(command);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * The tool's complaint on one line: its stderr without blank lines, the caret lines nft draws
     * under the offending text, iptables-nft's "# Warning" notes and the "Try ... --help" advice.
     */
    public String complaint() {
        String words = stderr.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .filter(line -> !line.chars().allMatch(c -> c == '^' || c == '~' || c == ' '))
                .filter(line -> !line.startsWith("# Warning"))
                .filter(line -> !line.startsWith("Try `"))
                .collect(Collectors.joining(" | "));
        return words.isEmpty() ? "exit status " + exitCode + ", nothing on stderr" : words;
    }

    /** Fails with {@code doing} and the tool's complaint unless the run succeeded. */
    public ToolResult orThrow(String doing) {
        if (!ok()) {
            throw new HookException(doing + ": " + String.join(" ", command) + ": " + complaint());
        }
        return this;
    }
}

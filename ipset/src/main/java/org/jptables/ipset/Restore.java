package org.jptables.ipset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ipset restore (libipset's ipset_parse_stream): each line a command without the program name,
 * blank lines and comments skipped, {@code COMMIT} sending what is queued; the first failure (or
 * warning) ends the run, as the tool exits there.
 */
final class Restore {
    private final IpsetTool tool;
    private final Session s;
    private final Commands commands;

    Restore(IpsetTool tool, Session session, Commands commands) {
        this.tool = tool;
        this.s = session;
        this.commands = commands;
    }

    void run(InputStream in, Path file) {
        Reader reader;
        if (file != null) {
            try {
                reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // ipset_session_io_normal fails without a word; main returns -1
                throw Outcome.custom(s, Outcome.NO_PROBLEM, null).withStatus(255);
            }
        } else {
            reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                tool.restoreLine = number;
                String c = line.stripLeading();
                if (c.isEmpty() || c.charAt(0) == '#') {
                    continue;
                }
                if (c.equals("COMMIT") || c.equals("COMMIT\r")) {
                    s.report.line = number;
                    if (!commands.commit()) {
                        throw Outcome.standard(s);
                    }
                    continue;
                }
                List<String> argv = words(c);
                tool.execute(tool.parse(argv));
            }
        } catch (IOException e) {
            throw Outcome.custom(s, Outcome.OTHER_PROBLEM, "Cannot read the restore input: " + e.getMessage());
        }
        if (!commands.commit()) {
            throw Outcome.standard(s);
        }
    }

    /** build_argv: words split at blanks, double quotes keeping blanks inside, quotes dropped. */
    List<String> words(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            if (args.size() + 2 == IpsetTool.MAX_ARGS) {
                throw Outcome.custom(s, Outcome.PARAMETER_PROBLEM, "Line is too long to parse.");
            }
            char c = line.charAt(i);
            boolean last = i + 1 == line.length();
            if (c == '"') {
                quoted = !quoted;
                if (!last) {
                    continue;
                }
            } else if (c == ' ' || c == '\r' || c == '\n' || c == '\t') {
                if (quoted) {
                    arg.append(c);
                    continue;
                }
            } else {
                arg.append(c);
                if (!last) {
                    continue;
                }
            }
            if (last && quoted) {
                throw Outcome.custom(s, Outcome.PARAMETER_PROBLEM, "Missing close quote!");
            }
            if (arg.length() == 0) {
                continue;
            }
            args.add(arg.toString());
            arg.setLength(0);
        }
        return args;
    }
}

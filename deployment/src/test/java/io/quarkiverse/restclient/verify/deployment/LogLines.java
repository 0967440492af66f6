package io.quarkiverse.restclient.verify.deployment;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import org.jboss.logmanager.ExtLogRecord;

/** The extension's log lines as a person reads them. */
public final class LogLines {

    static final String CATEGORY = "io.quarkiverse.restclient.verify";

    private LogLines() {
    }

    public static boolean ours(LogRecord record) {
        return record.getLoggerName() != null && record.getLoggerName().startsWith(CATEGORY);
    }

    public static String text(LogRecord record) {
        return record instanceof ExtLogRecord ? ((ExtLogRecord) record).getFormattedMessage() : record.getMessage();
    }

    public static List<String> at(Level level, List<LogRecord> records) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogLines::text)
                .collect(Collectors.toList());
    }
}

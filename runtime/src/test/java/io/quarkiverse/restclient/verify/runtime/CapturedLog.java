package io.quarkiverse.restclient.verify.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The extension's log lines while open, formatted, for tests that count what was logged. */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.quarkiverse.restclient.verify");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing. */
    public CapturedLog() {
        logger.addHandler(handler);
    }

    /** How many lines captured so far contain this text. */
    public long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}

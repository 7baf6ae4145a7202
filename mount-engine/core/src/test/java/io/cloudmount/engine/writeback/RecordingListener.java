package io.cloudmount.engine.writeback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records queue events as short strings: {@code "changed /a WAITING"}, {@code "finished /a"}, ... */
final class RecordingListener implements WritebackQueue.Listener {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<UploadStatus> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void changed(UploadStatus status) {
        statuses.add(status);
        events.add("changed " + status.path() + " " + status.state());
    }

    @Override
    public void finished(String path) {
        events.add("finished " + path);
    }

    @Override
    public void failed(String path, Exception error) {
        events.add("failed " + path + ": " + error.getMessage());
    }

    @Override
    public void removed(String path) {
        events.add("removed " + path);
    }

    List<String> events() {
        return List.copyOf(events);
    }

    List<UploadStatus> statuses() {
        return List.copyOf(statuses);
    }

    /** Events about exactly {@code path}, in order. */
    List<String> about(String path) {
        return events.stream().filter(e -> e.split("[ :]")[1].equals(path)).toList();
    }
}

package io.cloudmount.app.ui.common;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** The app's few questions, as non-blocking alerts whose answer arrives in a callback. */
public final class Confirmations {
    public static final ButtonType WAIT = new ButtonType("Wait for uploads", ButtonBar.ButtonData.CANCEL_CLOSE);
    public static final ButtonType QUIT_ANYWAY = new ButtonType("Quit anyway", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType REMOVE = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType UNMOUNT_ANYWAY = new ButtonType("Unmount anyway", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType KEEP_MOUNTED = new ButtonType("Keep it mounted", ButtonBar.ButtonData.CANCEL_CLOSE);

    private Confirmations() {
    }

    /**
     * Asks before quitting with uploads pending; {@code onQuit} runs only for "Quit anyway". {@code resumeAtStart}:
     * every drive with uploads pending mounts when CloudMount starts (the uploads resume only once it is mounted).
     */
    public static Alert quitWithPendingUploads(Window owner, int files, java.util.List<String> someNames,
                                               boolean resumeAtStart, Runnable onQuit) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", WAIT, QUIT_ANYWAY);
        alert.setTitle("Quit CloudMount?");
        alert.setHeaderText(files + (files == 1 ? " file has" : " files have") + " not been uploaded yet");
        String names = someNames.isEmpty() ? "" : "\n\nWaiting: " + someOf(files, someNames) + ".";
        alert.setContentText("If you quit now, the drives are unmounted and the waiting uploads continue "
                + (resumeAtStart ? "the next time CloudMount starts" : "when the drives are mounted again")
                + ": nothing is lost, but the files are not in the cloud until then." + names);
        return show(alert, owner, QUIT_ANYWAY, onQuit);
    }

    /**
     * Asks before removing a drive from the list. {@code pendingUploads} files not uploaded yet would never be:
     * the drive's upload queue goes with it, so the question says so and names some of them.
     */
    public static Alert removeDrive(Window owner, String name, boolean inMemory, int pendingUploads,
                                    java.util.List<String> someNames, Runnable onRemove) {
        Alert alert = new Alert(pendingUploads > 0 ? Alert.AlertType.WARNING : Alert.AlertType.CONFIRMATION, "",
                ButtonType.CANCEL, REMOVE);
        alert.setTitle("Remove drive?");
        if (pendingUploads > 0) {
            alert.setHeaderText("\"" + name + "\" has " + pendingUploads + (pendingUploads == 1 ? " file" : " files")
                    + " not uploaded yet");
            alert.setContentText("If you remove the drive now, these changes never reach its storage: they are lost."
                    + " Wait until the uploads have finished (the tray says so), then remove the drive.\n\nWaiting: "
                    + someOf(pendingUploads, someNames) + ".");
            return show(alert, owner, REMOVE, onRemove);
        }
        alert.setHeaderText("Remove \"" + name + "\" from CloudMount?");
        alert.setContentText(inMemory ? "It is unmounted first; the files in this memory drive are lost."
                : "It is unmounted first. The files in its storage stay where they are.");
        return show(alert, owner, REMOVE, onRemove);
    }

    /** Asks before unmounting a drive that programs still use; {@code onUnmount} runs only for "Unmount anyway". */
    public static Alert unmountInUse(Window owner, String name, java.util.List<String> users, Runnable onUnmount) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", KEEP_MOUNTED, UNMOUNT_ANYWAY);
        alert.setTitle("Unmount drive?");
        alert.setHeaderText("\"" + name + "\" is in use");
        alert.setContentText("Unmounting now cuts these programs off from their files, and what they have not saved"
                + " yet is lost. Close those files and folders first, or unmount anyway.\n\n" + String.join("\n", users));
        return show(alert, owner, UNMOUNT_ANYWAY, onUnmount);
    }

    /** "a, b and 3 more": some of the {@code files} waiting, by name, and how many more there are. */
    private static String someOf(int files, java.util.List<String> someNames) {
        return String.join(", ", someNames) + (files > someNames.size() ? " and " + (files - someNames.size()) + " more" : "");
    }

    /** A plain message with an OK button. */
    public static Alert info(Window owner, String header, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.OK);
        alert.setTitle("CloudMount");
        alert.setHeaderText(header);
        return show(alert, owner, ButtonType.OK, () -> { });
    }

    private static Alert show(Alert alert, Window owner, ButtonType yes, Runnable onYes) {
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.resultProperty().addListener((o, was, answer) -> {
            if (Optional.ofNullable(answer).filter(yes::equals).isPresent()) {
                onYes.run();
            }
        });
        alert.show();
        return alert;
    }
}

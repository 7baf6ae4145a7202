package io.cloudmount.app.ui.editor;

import io.cloudmount.app.ui.editor.DriveForm.Field;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.Label;

/**
 * The error line under each field. A field's error shows once the user has touched the field or
 * pressed Save: an empty new form does not greet people with a wall of red.
 */
final class FieldErrors {
    private final Map<Field, Label> labels = new EnumMap<>(Field.class);
    private final Set<Field> touched = EnumSet.noneOf(Field.class);
    private boolean saveAttempted;

    void register(Field field, Label label) {
        labels.put(field, label);
    }

    void touched(Field field) {
        touched.add(field);
    }

    void touchedAll(Set<Field> fields) {
        touched.addAll(fields);
    }

    void saveAttempted() {
        saveAttempted = true;
    }

    void show(Map<Field, String> errors) {
        labels.forEach((field, label) -> {
            String error = saveAttempted || touched.contains(field) ? errors.getOrDefault(field, "") : "";
            label.setText(error);
            label.setVisible(!error.isEmpty());
            label.setManaged(!error.isEmpty());
        });
    }
}

package io.cloudmount.app.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Loads a window's FXML (beside its classes: {@code io/cloudmount/app/ui/<window>/<name>.fxml}) with a
 * controller we built ourselves, so controllers get their collaborators through the constructor.
 */
public final class FxmlViews {
    private FxmlViews() {
    }

    public static Parent load(Class<?> owner, String fxml, Object controller) {
        URL url = owner.getResource(fxml);
        if (url == null) {
            throw new IllegalStateException("missing " + fxml + " beside " + owner.getName());
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(fxml + " asks for " + type.getName() + ", not " + controller.getClass().getName());
            }
            return controller;
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    /** A scene with the app's style sheet. */
    public static Scene scene(Parent root) {
        Scene scene = new Scene(root);
        scene.getStylesheets().add(FxmlViews.class.getResource("app.css").toExternalForm());
        return scene;
    }
}

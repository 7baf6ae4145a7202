package io.cloudmount.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Saves a window's content as PNG into {@code cloudmount.screenshots.dir} (app/target/screenshots by
 * default; docs/APP.md says how to refresh docs/screenshots with them).
 */
final class Screenshots {
    private Screenshots() {
    }

    static Path save(Window window, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = Fx.call(() -> window.getScene().snapshot(null));
        Path dir = Path.of(System.getProperty("cloudmount.screenshots.dir", "target/screenshots"));
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            ImageIO.write(toAwt(image), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static BufferedImage toAwt(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}

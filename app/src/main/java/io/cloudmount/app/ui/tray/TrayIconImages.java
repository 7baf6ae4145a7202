package io.cloudmount.app.ui.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The tray icon, drawn in code so it is sharp at whatever size the tray asks for: a cloud over a
 * drive bar, with a blue dot while uploading and a red dot after an error.
 */
final class TrayIconImages {
    private TrayIconImages() {
    }

    static BufferedImage draw(int size, TrayIconState state) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float s = size / 16f;
            g.setColor(new Color(0x2b6cb0));
            g.fillOval(Math.round(1 * s), Math.round(5 * s), Math.round(7 * s), Math.round(7 * s));
            g.fillOval(Math.round(4 * s), Math.round(2 * s), Math.round(8 * s), Math.round(8 * s));
            g.fillOval(Math.round(8 * s), Math.round(5 * s), Math.round(7 * s), Math.round(7 * s));
            g.fillRect(Math.round(4 * s), Math.round(8 * s), Math.round(8 * s), Math.round(4 * s));
            g.setColor(new Color(0x1a365d));
            g.setStroke(new BasicStroke(Math.max(1, s)));
            g.drawLine(Math.round(2 * s), Math.round(14 * s), Math.round(14 * s), Math.round(14 * s));
            if (state != TrayIconState.IDLE) {
                g.setColor(state == TrayIconState.ERROR ? new Color(0xd93025) : new Color(0x34a853));
                int dot = Math.round(7 * s);
                g.fillOval(size - dot, size - dot, dot, dot);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}

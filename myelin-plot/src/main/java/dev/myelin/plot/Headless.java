package dev.myelin.plot;

/** Switches AWT to headless mode before any chart touches it, unless the user chose otherwise. */
final class Headless {

    private Headless() {}

    static void ensure() {
        // Charts are drawn off-screen; without this, AWT may try to reach a display on a server.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}

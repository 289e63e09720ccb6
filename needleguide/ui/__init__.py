"""The Qt desktop app: one widget or dialog per module (plus page HTML, settings, messages and
file actions), wired together in main_window."""

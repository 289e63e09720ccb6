"""The Qt desktop app: one widget or dialog per module, wired together in main_window."""

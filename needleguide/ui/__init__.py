"""The Qt desktop app: one widget or dialog per module (plus settings, messages and file
actions), wired together in main_window; the pages' HTML and the depth picture they show are
drawn by ``needleguide.drawing``."""

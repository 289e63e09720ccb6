"""Watch an X screen for the first frame that shows a given colour, via the DAMAGE extension.

    python benchmarks/x_watch.py RRGGBB|dark MIN_PIXELS [--timeout S]

Prints ``ready`` once it is watching, then ``seen <monotonic seconds>`` when a drawing on the
screen (any window: damage is tracked on the root window, which includes its children) leaves
at least MIN_PIXELS pixels of exactly that colour (or, for ``dark``, with red, green and blue
all below 0x60: text on a light background) in the drawn rectangle, and exits 0; exits 1
on timeout. The moment is when the X server reported the drawing, read before the pixels are
grabbed, so the check itself is not counted. Only libX11 and libXdamage are used (through
ctypes: no package to install); the screen must be 24/32-bit TrueColor, as Xvfb's default.

What this defends as "the content is on screen": the X server's own framebuffer holds those
pixels (Xvfb has no compositor between the drawing and the screen), whatever the client
believes it painted.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import select
import sys
import time
from array import array

_X11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
_DAMAGE = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")

RAW_RECTANGLES = 0  # XDamageReportRawRectangles: one event per drawing, nothing to subtract
DAMAGE_NOTIFY = 0
ALL_PLANES = ctypes.c_ulong(-1 & 0xFFFFFFFFFFFFFFFF)
Z_PIXMAP = 2


class XRectangle(ctypes.Structure):
    _fields_ = [("x", ctypes.c_short), ("y", ctypes.c_short),
                ("width", ctypes.c_ushort), ("height", ctypes.c_ushort)]


class XDamageNotifyEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("drawable", ctypes.c_ulong), ("damage", ctypes.c_ulong),
                ("level", ctypes.c_int), ("more", ctypes.c_int),
                ("timestamp", ctypes.c_ulong), ("area", XRectangle),
                ("geometry", XRectangle)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("damage", XDamageNotifyEvent),
                ("pad", ctypes.c_long * 24)]


class XImage(ctypes.Structure):  # the leading fields, all this script reads
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int),
                ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


_X11.XOpenDisplay.restype = ctypes.c_void_p
_X11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_X11.XDefaultRootWindow.restype = ctypes.c_ulong
_X11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_X11.XDisplayWidth.argtypes = _X11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
_X11.XConnectionNumber.argtypes = [ctypes.c_void_p]
_X11.XPending.argtypes = [ctypes.c_void_p]
_X11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
_X11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
_X11.XGetImage.restype = ctypes.POINTER(XImage)
_X11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                           ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
_X11.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
_DAMAGE.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                          ctypes.POINTER(ctypes.c_int)]
_DAMAGE.XDamageCreate.restype = ctypes.c_ulong
_DAMAGE.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]


DARK = -1  # "dark": any pixel whose red, green and blue are all below 0x60 (text)
_IS_DARK = bytes(1 if value < 0x60 else 0 for value in range(256))


def count_dark(raw: bytes) -> int:
    """Pixels (BGRX byte order) with all three channels dark, counted at C speed."""
    red, green, blue = (int.from_bytes(raw[offset::4].translate(_IS_DARK), "little")
                        for offset in (2, 1, 0))
    return (red & green & blue).bit_count()


def count_colour(display: int, root: int, area: XRectangle, size: tuple[int, int],
                 pixel: int) -> int:
    x, y = max(0, area.x), max(0, area.y)
    width = min(area.width, size[0] - x)
    height = min(area.height, size[1] - y)
    if width <= 0 or height <= 0:
        return 0
    image = _X11.XGetImage(display, root, x, y, width, height, ALL_PLANES, Z_PIXMAP)
    if not image:
        return 0
    try:
        if image.contents.bits_per_pixel != 32:
            sys.exit("x_watch: the screen must be 32 bits per pixel (Xvfb -screen 0 WxHx24)")
        raw = ctypes.string_at(image.contents.data, image.contents.bytes_per_line * height)
        if pixel == DARK:
            return count_dark(raw)
        pixels = array("I", raw)  # the server may or may not set the top (alpha) byte
        return pixels.count(pixel) + pixels.count(pixel | 0xFF000000)
    finally:
        _X11.XDestroyImage(image)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("colour", help="RRGGBB, e.g. b3001b, or dark")
    parser.add_argument("min_pixels", type=int)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    pixel = DARK if args.colour == "dark" else int(args.colour, 16) & 0xFFFFFF
    display = _X11.XOpenDisplay(None)
    if not display:
        sys.exit("x_watch: cannot open the X display (is DISPLAY set?)")
    event_base, error_base = ctypes.c_int(), ctypes.c_int()
    if not _DAMAGE.XDamageQueryExtension(display, ctypes.byref(event_base),
                                         ctypes.byref(error_base)):
        sys.exit("x_watch: the X server has no DAMAGE extension")
    root = _X11.XDefaultRootWindow(display)
    size = (_X11.XDisplayWidth(display, 0), _X11.XDisplayHeight(display, 0))
    _DAMAGE.XDamageCreate(display, root, RAW_RECTANGLES)
    _X11.XSync(display, 0)
    event = XEvent()
    while _X11.XPending(display):  # the whole screen, reported once on creation: not a frame
        _X11.XNextEvent(display, ctypes.byref(event))
    print("ready", flush=True)
    fd = _X11.XConnectionNumber(display)
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if not _X11.XPending(display):
            select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            continue
        _X11.XNextEvent(display, ctypes.byref(event))
        if event.type != event_base.value + DAMAGE_NOTIFY:
            continue
        when = time.monotonic()
        area = event.damage.area
        if count_colour(display, root, area, size, pixel) >= args.min_pixels:
            print(f"seen {when:.6f}", flush=True)
            return 0
    print("timeout", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())

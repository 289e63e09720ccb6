#!/usr/bin/env bash
# Install the Debian packages Qt needs (offscreen and on a real X display), plus the PDF
# text tools the tests use and the accessibility bus the AT-SPI test reads the app through
# (at-spi2-core, Debian's python3-pyatspi for the system python3, a private D-Bus session and
# X server), only if any is missing. Safe to run again: it does nothing then.
# `system-deps.sh bundle` adds what `make bundle` needs: binutils (PyInstaller reads the
# libraries' dependencies with objdump) and the validators of the desktop and metainfo files.
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 fonts-dejavu-core libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-shape0
          libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 poppler-utils
          at-spi2-core python3-pyatspi dbus xvfb xauth)
if [[ ${1:-} == bundle ]]; then
  packages+=(binutils desktop-file-utils appstream strace)
fi
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt's runtime libraries yourself" >&2; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's own python3 needs python3-venv before `python3 -m venv` works.
if ! "${PYTHON:-python3}" -c "import ensurepip" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
((${#missing[@]})) || exit 0
echo "system-deps: installing ${missing[*]}"
sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

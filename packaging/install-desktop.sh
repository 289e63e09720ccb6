#!/bin/sh
# Put needleguide in your desktop's applications menu, for you only (no root needed):
# the launcher entry, its icons and its AppStream metainfo under ~/.local/share.
#   ./install-desktop.sh              from the unpacked bundle folder (or packaging/ of a checkout)
#   ./install-desktop.sh --uninstall  removes what it put there
set -eu
id=io.github.needleguide.NeedleGuide
here=$(cd "$(dirname "$0")" && pwd)
share=${XDG_DATA_HOME:-${HOME:?HOME is not set}/.local/share}
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml" \
        "$share/icons/hicolor/scalable/apps/$id.svg"
  for size in $sizes; do rm -f "$share/icons/hicolor/${size}x${size}/apps/$id.png"; done
  echo "needleguide removed from your applications menu"
  exit 0
fi

if [ -x "$here/needleguide-gui" ]; then          # the bundle
  exe="$here/needleguide-gui"
  resources="$here/_internal/needleguide/resources"
else                                              # a checkout with `make run` done
  exe=$(cd "$here/.." && pwd)/.venv/bin/needleguide-gui
  resources=$(cd "$here/.." && pwd)/resources
fi
[ -x "$exe" ] || { echo "install-desktop: $exe not found; build or unpack needleguide first" >&2; exit 2; }
[ -d "$resources" ] || { echo "install-desktop: $resources not found" >&2; exit 2; }

mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
sed "s|^Exec=.*|Exec=\"$exe\"|" "$resources/$id.desktop" > "$share/applications/$id.desktop"
cp "$resources/$id.metainfo.xml" "$share/metainfo/"
cp "$resources/icons/needleguide.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
for size in $sizes; do
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$resources/icons/needleguide-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "needleguide is in your applications menu: $share/applications/$id.desktop"

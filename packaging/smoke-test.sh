#!/usr/bin/env bash
# Check a built bundle as a user would run it, from a folder outside the checkout:
#   packaging/smoke-test.sh dist/needleguide-VERSION-linux-ARCH.tar.gz
# Unpacks it, then runs check, show, export (a real PDF), and the app until its first paint
# (offscreen). The CLI must not load Qt. Exits non-zero on the first failure.
set -euo pipefail
archive=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
cd "$work"
app=$work/needleguide
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
"$app/needleguide" check
"$app/needleguide" show gluteal | grep -q "Sciatic nerve"
"$app/needleguide" export gluteal -o "$work/gluteal.pdf"
head -c 5 "$work/gluteal.pdf" | grep -q "%PDF-"
if command -v strace >/dev/null; then
  if strace -f -e trace=openat "$app/needleguide" list 2>&1 >/dev/null | grep -q libQt6Core; then
    echo "smoke test: 'needleguide list' loaded Qt" >&2; exit 1
  fi
fi
QT_QPA_PLATFORM=offscreen NEEDLEGUIDE_SMOKE_TEST=1 timeout 120 "$app/needleguide-gui" \
  | grep -q "the window opened and painted"
XDG_DATA_HOME=$work/share "$app/install-desktop.sh" >/dev/null
entry=$work/share/applications/io.github.needleguide.NeedleGuide.desktop
desktop-file-validate "$entry"
grep -qx "Exec=\"$app/needleguide-gui\"" "$entry"
test -s "$work/share/icons/hicolor/48x48/apps/io.github.needleguide.NeedleGuide.png"
XDG_DATA_HOME=$work/share "$app/install-desktop.sh" --uninstall >/dev/null
test ! -e "$entry"
mv "$app/_internal/needleguide/data/regions.yaml" "$work/moved.yaml"
if "$app/needleguide" show neck 2>"$work/err"; then
  echo "smoke test: the bundle ran without its data file" >&2; exit 1
fi
grep -q "data file is missing" "$work/err"
echo "bundle: ok ($(du -sh "$app" | cut -f1) unpacked, $(du -h "$archive" | cut -f1) archive)"

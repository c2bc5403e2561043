#!/usr/bin/env bash
# The browser journeys and PDF tests need Debian's Chromium, Thai fonts and pdftotext
# (never a downloaded browser).
# Installs them when missing and we are root; otherwise says what to install.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "tlwg\|loma" || need+=(fonts-thai-tlwg)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} for the browser tests (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null
else
  echo "browser tests need: sudo apt-get install ${need[*]}" >&2
fi
exit 0

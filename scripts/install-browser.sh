#!/usr/bin/env bash
# Debian packages for the browser test, screenshots and the PDF digest: headless Chromium, CJK fonts (charts and
# PDF), poppler-utils (pdftoppm/pdftotext in the digest test). Idempotent; run as root or with sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 \
    && fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    chromium fonts-noto-cjk poppler-utils fontconfig

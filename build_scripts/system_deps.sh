#!/bin/sh
# What `make test` needs from the system, checked before anything runs.
#
# Debian packages: chromium (the real browser the Playwright tests drive),
# fonts-noto-cjk (Chinese glyphs), nginx (a real static server under a
# sub-path), python3-venv (the project's virtual environment). Missing ones are
# installed when that needs no password (root, or sudo without one) and apt-get
# is there; otherwise this stops with the one command to run. Node.js >= 20
# with npm is checked too (Debian 12's own nodejs is 18, too old for Pyodide).
#
#   sh build_scripts/system_deps.sh [PYTHON]
set -eu
PYTHON=${1:-python3}

installed() {
    if command -v dpkg-query >/dev/null 2>&1; then
        dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
        return
    fi
    case $1 in  # not Debian: look for what the package provides
        chromium) command -v chromium >/dev/null 2>&1 ;;
        nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] ;;
        fonts-noto-cjk) fc-list :lang=zh 2>/dev/null | grep -qi "noto" ;;
        python3-venv) "$PYTHON" -c "import ensurepip, venv" 2>/dev/null ;;
    esac
}

missing=""
for package in chromium fonts-noto-cjk nginx python3-venv; do
    installed "$package" || missing="$missing $package"
done
missing=${missing# }

if [ -n "$missing" ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        sudo=""
    elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "make test needs these system packages first:$missing" >&2
        echo "Run this once, then make test again:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
        exit 1
    fi
    echo "Installing the system packages the tests need: $missing"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086  # one word per package
    $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null 2>&1; then
    echo "make test needs Node.js 20 or later with npm (found: $(node --version 2>/dev/null || echo none))." >&2
    echo "Install them from your distribution or from Node.js's own packages, then make test again." >&2
    exit 1
fi

#!/usr/bin/env bash
# Test-only system packages: Debian's Chromium for the browser tests.
# Never downloads a browser of its own; skips quietly where apt is not ours.
set -u
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test-setup: could not install chromium; browser tests will skip" >&2
fi
exit 0

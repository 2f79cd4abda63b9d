#!/bin/sh
# install-config.sh: installs a wg-quick config rendered by the portscope provisioner on the
# machine it belongs to, filling in that machine's private key.
#
# Usage: install-config.sh RENDERED.conf TARGET.conf
#
# A rendered config (hub.conf.mustache, node.conf.mustache) carries no private key: its
# [Interface] has the line
#     PrivateKey = @file:/etc/wireguard/wg0.key
# naming the key file this machine keeps (mode 0600, made here by `wg genkey` or
# `portscope wg genkey`). This script copies RENDERED to TARGET with that line replaced by the
# key read from the file, so TARGET is a complete, standard wg-quick config: `wg-quick up`,
# wg-quick@.service and `wg syncconf wg0 <(wg-quick strip wg0)` all work as documented.
#
# The key is read by awk from the file and written to TARGET only: it never appears in a command
# line, an environment variable or a message. TARGET is created mode 0600 (umask 077 before
# creation) and replaced atomically (rename in its own folder), so a reader sees the old config
# or the new one. A missing or malformed key file, or a RENDERED without exactly one such line,
# is an error and leaves TARGET as it was.
set -eu

if [ "$#" -ne 2 ]; then
	echo "usage: install-config.sh RENDERED.conf TARGET.conf" >&2
	exit 2
fi
rendered=$1
target=$2

umask 077
tmp=$(mktemp "$(dirname -- "$target")/.$(basename -- "$target").XXXXXX")
trap 'rm -f -- "$tmp"' EXIT

# mawk (Debian's default awk) has no {n} intervals: length and a class check the key instead.
awk '
	/^PrivateKey = @file:/ {
		path = substr($0, length("PrivateKey = @file:") + 1)
		if ((getline key < path) <= 0) {
			print "install-config.sh: cannot read the private key file " path > "/dev/stderr"
			failed = 1
			exit 1
		}
		close(path)
		sub(/[ \t\r]+$/, "", key)
		if (length(key) != 44 || key !~ /^[A-Za-z0-9+\/]+=$/) {
			print "install-config.sh: " path " does not hold a WireGuard private key (44 characters of base64)" > "/dev/stderr"
			failed = 1
			exit 1
		}
		print "PrivateKey = " key
		filled++
		next
	}
	{ print }
	END {
		if (!failed && filled != 1) {
			print "install-config.sh: " FILENAME ": expected one \"PrivateKey = @file:PATH\" line, found " filled + 0 > "/dev/stderr"
			exit 1
		}
	}
' "$rendered" >"$tmp"

mv -f -- "$tmp" "$target"
trap - EXIT

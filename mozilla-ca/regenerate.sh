#!/bin/sh
# Regenerates src/main/resources/META-INF/quarkus-rest-client-verify/mozilla-ca.pem from the newest Debian
# ca-certificates source package the machine's apt mirror serves (see README.md).
#   regenerate.sh              take the newest version that downloads, from unstable, testing, stable, oldstable
#                              and the security suites
#   regenerate.sh <version>    take exactly this version (e.g. 20250419), or fail
# Needs apt-get, apt-cache and dpkg (any Debian or Ubuntu machine), no root and no change to the system's sources:
# the deb-src lines live in a private apt configuration in a temporary directory.
# DEBIAN_ARCHIVE and DEBIAN_SECURITY override the mirrors, which are otherwise read from the machine's apt sources.
set -eu
cd "$(dirname "$0")"
PIN="${1:-}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mozilla-ca.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The mirrors this machine already uses for Debian (apt's own reading of its sources).
targets=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | sort -u)
archive="${DEBIAN_ARCHIVE:-$(echo "$targets" | awk '$2 !~ /-/ { print $1; exit }')}"
security="${DEBIAN_SECURITY:-$(echo "$targets" | awk '$2 ~ /-security$/ { print $1; exit }')}"
if [ -z "$archive" ]; then
    echo "regenerate.sh: no Debian mirror in this machine's apt sources; set DEBIAN_ARCHIVE (and DEBIAN_SECURITY)" >&2
    exit 1
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
# Suite aliases, not code names, so the script keeps finding the newest releases as Debian moves on.
{
    for suite in unstable testing stable oldstable; do
        echo "deb-src [signed-by=$keyring] $archive $suite main"
    done
    if [ -n "$security" ]; then
        for suite in stable-security oldstable-security; do
            echo "deb-src [signed-by=$keyring] $security $suite main"
        done
    fi
} > "$WORK/sources.list"
mkdir -p "$WORK/state/lists/partial" "$WORK/cache/archives/partial" "$WORK/parts" "$WORK/src"
cat > "$WORK/apt.conf" <<EOF
Dir::Etc::SourceList "$WORK/sources.list";
Dir::Etc::SourceParts "$WORK/parts";
Dir::State "$WORK/state";
Dir::Cache "$WORK/cache";
EOF
export APT_CONFIG="$WORK/apt.conf"
apt-get -q update > "$WORK/update.log" 2>&1 || { cat "$WORK/update.log" >&2; exit 1; }

# "alias code-name" for each suite that answered, e.g. "unstable sid".
for release in "$WORK"/state/lists/*_InRelease; do
    alias=$(basename "$release" | sed 's/.*_dists_\(.*\)_InRelease/\1/')
    codename=$(sed -n 's/^Codename: //p' "$release" | head -n 1)
    suffix=$(echo "$alias" | sed -n 's/^[a-z]*\(-security\)$/\1/p')
    case "$codename" in *-security) suffix="" ;; esac
    echo "$alias ${codename:-$alias}$suffix"
done > "$WORK/suites"
codename() { awk -v a="$1" '$1 == a { print $2; found = 1 } END { if (!found) print a }' "$WORK/suites"; }

echo "Versions of ca-certificates the mirror lists:"
apt-cache madison ca-certificates | awk -F'|' '{ gsub(/ /, "", $2); split($3, s, " "); split(s[2], t, "/"); print $2, t[1] }' \
    | sort -u > "$WORK/listed"
while read -r version suite; do
    echo "  $version in $suite ($(codename "$suite"))"
done < "$WORK/listed"

# Newest first, in dpkg's order (20260816+nmu1 > 20260816 > 20250419+deb13u1 > 20250419~deb12u2).
newest_first() {
    set -- $(cut -d' ' -f1 "$WORK/listed" | sort -u)
    while [ $# -gt 0 ]; do
        best=$1
        for v in "$@"; do
            if dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
        done
        echo "$best"
        rest=""
        for v in "$@"; do
            if [ "$v" != "$best" ]; then rest="$rest $v"; fi
        done
        set -- $rest
    done
}
if [ -n "$PIN" ]; then candidates="$PIN"; else candidates=$(newest_first); fi
if [ -z "$candidates" ]; then
    echo "regenerate.sh: the mirror lists no ca-certificates source package" >&2
    exit 1
fi

# apt checks the files against the signed index; a version that is listed but not served is reported and skipped.
taken=""
for version in $candidates; do
    if (cd "$WORK/src" && apt-get -q source --download-only "ca-certificates=$version") > "$WORK/get.log" 2>&1; then
        taken=$version
        break
    fi
    echo "  $version is listed but not served: $(grep '^E:' "$WORK/get.log" | head -n 1)"
    if [ -n "$PIN" ]; then
        echo "regenerate.sh: ca-certificates $PIN could not be downloaded" >&2
        exit 1
    fi
    rm -f "$WORK"/src/*
done
if [ -z "$taken" ]; then
    echo "regenerate.sh: no listed version of ca-certificates could be downloaded" >&2
    exit 1
fi
# The suite apt took it from, else the first that lists it.
suite=$(sed -n "s|^Get:[0-9]* [^ ]* \([^/ ]*\)/[^ ]* ca-certificates $taken (dsc).*|\1|p" "$WORK/get.log" | head -n 1)
suite=$(codename "${suite:-$(awk -v v="$taken" '$1 == v { print $2; exit }' "$WORK/listed")}")
tar -xJf "$WORK"/src/ca-certificates_*.tar.xz -C "$WORK/src"
package=$(dirname "$(dirname "$(find "$WORK/src" -path '*/mozilla/certdata.txt' | head -n 1)")")

cp "$package/mozilla/certdata.txt" "$package/mozilla/nssckbi.h" src/certdata/
cp "$package/debian/changelog" src/certdata/debian-changelog
cat > src/certdata/debian-source.properties <<EOF
# Written by regenerate.sh: the Debian source package certdata.txt, nssckbi.h and debian-changelog come from.
package=ca-certificates
version=$taken
suite=$suite
EOF
rm -f src/certdata/debian-version.txt

../mvnw -B -ntp -q -f ../pom.xml -pl mozilla-ca compile
java -cp target/classes io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator \
    src/certdata src/main/resources/META-INF/quarkus-rest-client-verify/mozilla-ca.pem
release=$(sed -n 's/^# Release: //p' src/main/resources/META-INF/quarkus-rest-client-verify/mozilla-ca.pem)
sed -i "s|<mozilla.ca.release>.*</mozilla.ca.release>|<mozilla.ca.release>$release</mozilla.ca.release>|" pom.xml
echo "Took ca-certificates $taken from $suite:"
sed -n 's/^# \(Release\|Release-Date\|Source\|Certificates\): /  \1: /p' \
    src/main/resources/META-INF/quarkus-rest-client-verify/mozilla-ca.pem

#!/bin/sh
# Regenerates src/main/resources/META-INF/quarkus-rest-client-verify/mozilla-ca.pem from src/certdata (see README.md).
set -e
cd "$(dirname "$0")"
DEBIAN_VERSION="${1:?usage: regenerate.sh <debian ca-certificates version, e.g. 20230311+deb12u1>}"
../mvnw -B -ntp -q -f ../pom.xml -pl mozilla-ca compile
java -cp target/classes io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator \
    src/certdata/certdata.txt src/certdata/nssckbi.h "$DEBIAN_VERSION" \
    src/main/resources/META-INF/quarkus-rest-client-verify/mozilla-ca.pem
echo "$DEBIAN_VERSION" > src/certdata/debian-version.txt

#!/bin/bash
# tests/deb/install.t: the Debian package in a throwaway Debian 12 root (`make deb-test`,
# docs/packaging.md "The install test"). Not part of `make test`: the first run downloads a
# Debian 12 root with debootstrap (kept in build/deb-test/pristine, so reruns only copy it).
#
# The root is booted with systemd-nspawn --boot, so systemd is PID 1 inside and the package's
# own maintainer scripts enable and start the real unit, with its sandboxing. The container
# has its own network namespace with loopback only (--private-network); the package's
# dependencies are fetched from the mirror beforehand by apt-get --download-only in the same
# root, so `apt-get install ./peerdesk.deb` inside resolves them as it would anywhere.
#
# Steps: install (user, directories, modes, conffile, database, dependencies, unit enabled
# and running as peerdesk with its sandbox, GET /healthz, a login that writes); upgrade to a
# second build with a higher version, over a database of the previous schema version (edited
# config kept, the database copied and migrated by the restarted service); remove (service stopped, data, config and user kept); purge (data and config
# gone, user kept as documented); install without systemd running, as in a chroot (enabled,
# not started). nspawn mounts /proc, /dev and /sys itself and takes them down when the
# container stops; the EXIT trap stops the container and refuses to delete a root that
# still has a mount.
#
# Environment: DEB (the package, default build/deb/peerdesk_VERSION_ARCH.deb), VERSION,
# DEB_MIRROR (default http://deb.debian.org/debian), DEB_TEST_KEEP=1 keeps the root.
# shellcheck disable=SC2016 # dpkg-query formats are meant literally
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
arch=$(dpkg --print-architecture)
VERSION=${VERSION:-$(sed -n 's/^VERSION *:= *//p' Makefile)}
DEB=${DEB:-build/deb/peerdesk_${VERSION}_${arch}.deb}
MIRROR=${DEB_MIRROR:-http://deb.debian.org/debian}
work=$top/build/deb-test
pristine=$work/pristine-bookworm
root=$work/root
log=$work/log
v2=$VERSION+test1
np=
leader=

mkdir -p "$work"
: > "$log"

n=0
failed=0
ok()
{
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
    fi
}
# check DESCRIPTION COMMAND...: ok when the command succeeds (its output goes to the log).
check()
{
    local d=$1
    shift
    echo "## $d: $*" >> "$log"
    "$@" >> "$log" 2>&1
    ok $? "$d"
}
# is GOT WANT DESCRIPTION
is()
{
    if [ "$1" = "$2" ]; then ok 0 "$3"; else
        ok 1 "$3"
        echo "#   got:  '$1'"
        echo "#   want: '$2'"
    fi
}
bail()
{
    echo "# last lines of $log:" >&2
    tail -n 30 "$log" | sed 's/^/#   /' >&2
    echo "Bail out! $*"
    exit 1
}

for t in debootstrap systemd-nspawn nsenter curl; do
    command -v $t >/dev/null || bail "$t missing (make deb-test installs debootstrap systemd-container curl)"
done
[ "$(id -u)" = 0 ] || bail "run as root (debootstrap, systemd-nspawn)"
[ -f "$DEB" ] || bail "$DEB: no package (make deb)"

# A root may be deleted only when nothing is mounted in it.
mounted_in() { grep -q " $1[/ ]" /proc/mounts; }
remove_root()
{
    if mounted_in "$root"; then
        echo "# $root still has mounts; not deleting it" >&2
        return 1
    fi
    rm -rf "$root"
}

# A shell in the running container: every namespace of its PID 1, a clean environment.
in_ct()
{
    nsenter -t "$leader" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}
# A command in the root without booting it (no systemd running, as in a chroot).
in_root()
{
    systemd-nspawn -q --register=no --keep-unit --pipe "$@" -D "$root" \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        sh -c "$NSCMD" 2>&1 | { grep -v 'nspawn/propagate' || true; }
}
# curl run in the container's network namespace: prints the HTTP status (000: no answer).
http()
{
    nsenter -t "$leader" -n curl -s -o "$work/body" -w '%{http_code}' --max-time 5 "$@"
}
wait_healthz()
{
    local code=000
    for _ in $(seq 50); do
        code=$(http http://127.0.0.1:8080/healthz)
        [ "$code" = 200 ] && break
        sleep 0.2
    done
    echo "$code"
}

boot()
{
    systemd-nspawn --boot --register=no --keep-unit --private-network --console=passive \
        -D "$root" >> "$work/console.log" 2>&1 &
    np=$!
    for _ in $(seq 100); do
        leader=$(pgrep -P "$np" | head -n 1)
        [ -n "$leader" ] && break
        sleep 0.1
    done
    [ -n "$leader" ] || bail "systemd-nspawn --boot did not start"
    local state=
    for _ in $(seq 120); do
        state=$(in_ct systemctl is-system-running 2>/dev/null)
        case $state in running | degraded) break ;; esac
        sleep 0.5
    done
    echo "# container booted: $state"
    [ "$state" = degraded ] && in_ct systemctl --failed --no-pager >> "$log" 2>&1
    case $state in running | degraded) ;; *) bail "the container did not boot ($state)" ;; esac
}
halt()
{
    [ -n "$np" ] || return 0
    kill -TERM "$np" 2>/dev/null
    for _ in $(seq 60); do
        kill -0 "$np" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$np" 2>/dev/null
    wait "$np" 2>/dev/null
    np=
    leader=
}
cleanup()
{
    halt
    [ "${DEB_TEST_KEEP:-}" = 1 ] || remove_root
}
trap cleanup EXIT
trap 'exit 1' INT TERM

started=$(date +%s)

# ---- the pristine root (downloaded once) ---------------------------------------------------
if [ ! -x "$pristine/bin/sh" ]; then
    echo "# debootstrap bookworm from $MIRROR into $pristine (once; about a minute)"
    rm -rf "$pristine.tmp"
    debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm \
        "$pristine.tmp" "$MIRROR" >> "$log" 2>&1 || bail "debootstrap failed"
    rm -f "$pristine.tmp/var/cache/apt/archives/"*.deb
    mv "$pristine.tmp" "$pristine"
fi
remove_root || bail "cannot delete the old root"
cp -a "$pristine" "$root" || bail "cannot copy the pristine root"
cp "$DEB" "$root/root/" || bail "cannot copy $DEB"
deb1=/root/$(basename "$DEB")

# The second build, with a higher version, for the upgrade.
packaging/deb/build build/release/peerdesk "$v2" "$work" >> "$log" 2>&1 || bail "second build failed"
cp "$work/peerdesk_${v2}_${arch}.deb" "$root/root/"
deb2=/root/peerdesk_${v2}_${arch}.deb
fixture=$(find tests/upgrade/fixtures -name 'schema-*.db.gz' | sort | tail -n 1)
[ -n "$fixture" ] || bail "no database fixture in tests/upgrade/fixtures"
old_schema=$(basename "$fixture" .db.gz | sed 's/^schema-0*//')

# The dependencies, from the mirror, into the root's apt cache.
NSCMD="apt-get update -qq && apt-get install -y -qq --download-only $deb1 $deb2" \
    in_root >> "$log" || bail "apt-get --download-only failed"
echo "# root ready after $(($(date +%s) - started)) s"

# ---- install on a running system ------------------------------------------------------------
boot
check "apt-get install ./peerdesk.deb" in_ct apt-get install -y -q "$deb1"
is "$(in_ct dpkg-query -W -f='${Status} ${Version}' peerdesk)" "install ok installed $VERSION" \
    "installed, version $VERSION"
deps=$(in_ct dpkg-query -W -f='${Depends}' peerdesk)
for lib in libc6 libmicrohttpd12 libjansson4 libsodium23 libsqlite3-0 libssl3 libpq5 adduser; do
    [[ ", $deps," == *", $lib "* || ", $deps," == *", $lib,"* ]]
    ok $? "Depends names $lib"
done
check "every shared library of /usr/bin/peerdesk is found" \
    in_ct sh -c '! ldd /usr/bin/peerdesk | grep "not found"'

pw=$(in_ct getent passwd peerdesk)
IFS=: read -r _ _ uid _ _ home shell <<< "$pw"
is "$home:$shell" "/var/lib/peerdesk:/usr/sbin/nologin" "user peerdesk: home /var/lib/peerdesk, no login shell"
[ -n "$uid" ] && [ "$uid" -lt 1000 ]
ok $? "user peerdesk is a system user (uid $uid)"
is "$(in_ct id -gn peerdesk)" peerdesk "group peerdesk is its primary group"
is "$(in_ct stat -c '%U:%G %a' /var/lib/peerdesk)" "peerdesk:peerdesk 750" "/var/lib/peerdesk peerdesk:peerdesk 0750"
is "$(in_ct stat -c '%U:%G %a' /etc/peerdesk/peerdesk.conf)" "root:peerdesk 640" \
    "/etc/peerdesk/peerdesk.conf root:peerdesk 0640"
check "the config is a conffile" \
    in_ct sh -c "dpkg-query -W -f='\${Conffiles}' peerdesk | grep -q '^ /etc/peerdesk/peerdesk.conf '"
is "$(in_ct stat -c '%U:%G %a' /var/lib/peerdesk/peerdesk.db)" "peerdesk:peerdesk 640" \
    "the database was created, peerdesk:peerdesk 0640"
check "the database is at the current schema (init has nothing to migrate)" \
    in_ct sh -c 'runuser -u peerdesk -- peerdesk init --log-level warn 2>&1 |
        grep -q "peerdesk.db is at schema version"'

is "$(in_ct systemctl is-enabled peerdesk)" enabled "the unit is enabled"
is "$(in_ct systemctl is-active peerdesk)" active "the unit is running"
is "$(wait_healthz)" 200 "GET /healthz 200 on 127.0.0.1:8080"
check "/healthz names version $VERSION" grep -q "\"version\":\"$VERSION\"" "$work/body"

pid=$(in_ct systemctl show -p MainPID --value peerdesk)
status=$(in_ct cat "/proc/$pid/status")
is "$(awk '$1=="Uid:"{print $2}' <<< "$status")" "$uid" "the service runs as peerdesk"
is "$(awk '$1=="NoNewPrivs:"{print $2}' <<< "$status")" 1 "NoNewPrivileges"
is "$(awk '$1=="CapEff:"{print $2}' <<< "$status")" 0000000000000000 "no capabilities"
is "$(awk '$1=="Seccomp:"{print $2}' <<< "$status")" 2 "a system call filter"
mounts=$(in_ct cat "/proc/$pid/mountinfo")
is "$(awk '$5=="/"{split($6,o,","); print o[1]}' <<< "$mounts" | tail -n 1)" ro \
    "ProtectSystem=strict: / is read-only for the service"
is "$(awk '$5=="/var/lib/peerdesk"{split($6,o,","); print o[1]}' <<< "$mounts" | tail -n 1)" rw \
    "ReadWritePaths: /var/lib/peerdesk is writable"
# Every writable mount of a disk file system (API and memory file systems aside, and the
# files nspawn itself gives the container under /run/host), less the private /tmp and /var/tmp.
rw=$(awk '{ for (i = 7; i <= NF; i++) if ($i == "-") { fs = $(i + 1); break }
              split($6, o, ",") }
        o[1] == "rw" && fs !~ /^(proc|sysfs|tmpfs|devtmpfs|devpts|mqueue|cgroup2?|bpf|hugetlbfs)$/ &&
        $5 !~ /^\/run\/host\// && $5 != "/tmp" && $5 != "/var/tmp" { print $5 }' \
        <<< "$mounts" | sort -u | tr '\n' ' ')
is "$rw" "/var/lib/peerdesk " "no other disk file system is writable for the service"
in_ct sh -c 'touch /tmp/pd-host-marker /root/pd-host-marker'
check "PrivateTmp: the service does not see the system's /tmp" \
    in_ct nsenter -t "$pid" -m test ! -e /tmp/pd-host-marker
check "ProtectHome: the service does not see /root" \
    in_ct nsenter -t "$pid" -m test ! -e /root/pd-host-marker
exposure=$(in_ct systemd-analyze security --no-pager peerdesk 2>/dev/null | sed -n 's/.*exposure level for peerdesk.service: \([0-9.]*\).*/\1/p')
echo "# systemd-analyze security: exposure $exposure"
awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 2.0) }'
ok $? "systemd-analyze security: exposure $exposure <= 2.0"
check "systemd-analyze verify" in_ct systemd-analyze verify peerdesk.service

# Writing through the sandbox: the demo organisation, a login, the session read back.
check "init --demo as peerdesk" in_ct runuser -u peerdesk -- peerdesk init --demo --log-level warn
rm -f "$work/jar"
is "$(http -c "$work/jar" -H 'Content-Type: application/json' \
    -d '{"email":"sanne@peerdesk.test","password":"ervaring-telt"}' \
    http://127.0.0.1:8080/api/v1/session)" 200 "a login (writes a session and the audit log)"
is "$(http -b "$work/jar" http://127.0.0.1:8080/api/v1/me)" 200 "GET /api/v1/me with that session"

# ---- upgrade ------------------------------------------------------------------------------
# The database as the previous schema version left it (the newest fixture of
# tests/upgrade/fixtures, docs/upgrade.md): the restart by the upgrade copies and migrates it,
# inside the sandbox.
in_ct systemctl stop peerdesk
gunzip -c "$fixture" > "$root/root/old.db"
check "the database replaced by the schema-$old_schema fixture" \
    in_ct sh -c 'rm -f /var/lib/peerdesk/peerdesk.db /var/lib/peerdesk/peerdesk.db-* &&
        install -o peerdesk -g peerdesk -m 0640 /root/old.db /var/lib/peerdesk/peerdesk.db'
in_ct sh -c 'echo "threads = 2" >> /etc/peerdesk/peerdesk.conf'
check "apt-get install ./peerdesk_$v2.deb (upgrade)" in_ct apt-get install -y -q "$deb2"
is "$(in_ct dpkg-query -W -f='${Status} ${Version}' peerdesk)" "install ok installed $v2" \
    "upgraded to $v2"
check "the edited config is kept" in_ct grep -qx 'threads = 2' /etc/peerdesk/peerdesk.conf
check "no .dpkg-new/.dpkg-dist/.dpkg-old beside it" \
    in_ct sh -c '! ls /etc/peerdesk | grep -q dpkg'
is "$(in_ct stat -c '%U:%G %a' /etc/peerdesk/peerdesk.conf)" "root:peerdesk 640" "its mode is kept"
is "$(wait_healthz)" 200 "GET /healthz 200 after the upgrade"
is "$(in_ct systemctl is-active peerdesk)" active "the unit runs after the upgrade"
pid2=$(in_ct systemctl show -p MainPID --value peerdesk)
[ -n "$pid2" ] && [ "$pid2" != 0 ] && [ "$pid2" != "$pid" ]
ok $? "the service was started again ($pid -> $pid2)"
journal=$(in_ct journalctl -u peerdesk "_PID=$pid2" --no-pager)
echo "$journal" >> "$log"
check "the restarted service read the edited config (2 threads)" \
    grep -q 'serving with 2 threads' <<< "$journal"
check "it copied the schema-$old_schema database before migrating" \
    grep -q "copy written and checked: /var/lib/peerdesk/peerdesk.db-schema$old_schema-" <<< "$journal"
check "and migrated it" grep -q "migrated from schema version $old_schema to" <<< "$journal"
is "$(in_ct sh -c 'stat -c "%U %a" /var/lib/peerdesk/peerdesk.db-schema*.backup')" "peerdesk 600" \
    "the copy is in /var/lib/peerdesk, peerdesk's, 0600"
check "the database is now at the current schema" \
    in_ct sh -c 'runuser -u peerdesk -- peerdesk init --log-level warn 2>&1 |
        grep -q "peerdesk.db is at schema version"'
check "peerdesk audit verify on the migrated database" \
    in_ct runuser -u peerdesk -- peerdesk audit verify --log-level warn
rm -f "$work/jar"
is "$(http -c "$work/jar" -H 'Content-Type: application/json' \
    -d '{"email":"sanne@peerdesk.test","password":"ervaring-telt"}' \
    http://127.0.0.1:8080/api/v1/session)" 200 "a login from the old database's data"
is "$(http -b "$work/jar" http://127.0.0.1:8080/api/v1/me)" 200 "GET /api/v1/me with that session"

# ---- remove --------------------------------------------------------------------------------
check "apt-get remove peerdesk" in_ct apt-get remove -y -q peerdesk
is "$(in_ct dpkg-query -W -f='${Status}' peerdesk)" "deinstall ok config-files" "removed, config files kept"
check "the program is gone" in_ct test ! -e /usr/bin/peerdesk
check "the service is stopped" in_ct sh -c '! systemctl is-active -q peerdesk'
is "$(http http://127.0.0.1:8080/healthz)" 000 "nothing answers on 127.0.0.1:8080"
check "the database is kept" in_ct test -s /var/lib/peerdesk/peerdesk.db
check "the config is kept, with the edit" in_ct grep -qx 'threads = 2' /etc/peerdesk/peerdesk.conf
check "the user is kept" in_ct getent passwd peerdesk

# ---- purge ---------------------------------------------------------------------------------
out=$(in_ct dpkg --purge peerdesk 2>&1)
ok $? "dpkg --purge peerdesk"
echo "$out" >> "$log"
check "purge says it deletes the data" grep -q 'purge: deleting /var/lib/peerdesk' <<< "$out"
check "the data directory is gone" in_ct test ! -e /var/lib/peerdesk
check "/etc/peerdesk is gone" in_ct test ! -e /etc/peerdesk
check "no trace in dpkg" in_ct sh -c '! dpkg-query -W peerdesk'
check "no mask or enablement left" \
    in_ct sh -c '! find /etc/systemd/system -name peerdesk.service | grep -q .'
check "the user is kept, as documented" in_ct getent passwd peerdesk
halt

# ---- install without systemd running (a chroot, an image build) ------------------------------
out=$(NSCMD="apt-get install -y -q $deb1 && ls /run/systemd/system 2>&1; pgrep -x peerdesk || echo none-running; ls -l /etc/systemd/system/multi-user.target.wants/peerdesk.service && stat -c '%U %a' /var/lib/peerdesk/peerdesk.db" \
    in_root --private-network)
echo "$out" >> "$log"
check "without systemd: installs, creates the database with the kept user" \
    grep -qx 'peerdesk 640' <<< "$out"
check "without systemd: enabled for the next boot" \
    grep -q 'multi-user.target.wants/peerdesk.service -> /lib/systemd/system/peerdesk.service' <<< "$out"
check "without systemd: not started" grep -qx 'none-running' <<< "$out"

echo "# $n checks in $(($(date +%s) - started)) s; details in $log"
echo "1..$n"
[ "$failed" = 0 ]

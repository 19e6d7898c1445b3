# Shared by .ci/compat and .ci/package-test (sourced, not run): bare roots made with debootstrap,
# cached, and a fresh copy of one for each run, so every run starts from what a newcomer has.
# Needs root, debootstrap and network access to the distribution's mirror.

CACHE=${COMPAT_CACHE:-/var/cache/reflectjournal/compat}
# A shared machine: everything heavy runs at the lowest CPU and I/O priority.
NICE=(nice -n 19)
command -v ionice >/dev/null 2>&1 && NICE+=(ionice -c 3)
USER_NAME=clinician  # the README's commands run as a user with sudo, as on a desktop

# target -> "suite mirror debootstrap-script"
declare -A SUITES=(
    [debian-12]="bookworm http://deb.debian.org/debian bookworm"
    [debian-13]="trixie http://deb.debian.org/debian trixie"
    # debootstrap 1.0.128 (Debian 12) has no noble script; Ubuntu's releases all use gutsy's.
    [ubuntu-24.04]="noble http://archive.ubuntu.com/ubuntu gutsy"
)

MOUNTED=()

log() { printf '%s [%s] %s\n' "$(date -u +%H:%M:%S)" "${TARGET:-compat}" "$*" >&2; }

ubuntu_keyring() {
    # Ubuntu's archive key, from the keyring package in Ubuntu's own pool (Debian has none).
    local keyring="$CACHE/ubuntu-archive-keyring.gpg"
    if [ ! -s "$keyring" ]; then
        local archive=http://archive.ubuntu.com/ubuntu deb work
        # its file name from noble's package index (the pool folders are not listed)
        deb=$(curl -fsSL "$archive/dists/noble/main/binary-amd64/Packages.gz" | gzip -d \
            | awk '/^Package: ubuntu-keyring$/ {found = 1} found && /^Filename:/ {print $2; exit}')
        work=$(mktemp -d)
        curl -fsSL -o "$work/k.deb" "$archive/$deb"
        dpkg-deb -x "$work/k.deb" "$work/x"
        cp "$work/x/usr/share/keyrings/ubuntu-archive-keyring.gpg" "$keyring"
        rm -rf "$work"
    fi
    echo "$keyring"
}

# Make (once) the cached bare root of a target: debootstrap minbase, plus sudo and a user with
# it, which a desktop has and a minbase root does not. Prints its path.
base_root() {
    local target=$1 suite mirror script base
    read -r suite mirror script <<<"${SUITES[$target]:?unknown target $target}"
    base="$CACHE/$target.base"
    if [ ! -e "$base/.compat-base-complete" ]; then
        log "debootstrap $suite (minbase) into $base"
        rm -rf "$base"
        mkdir -p "$CACHE/logs"
        local keyring=()
        [[ $target == ubuntu-* ]] && keyring=(--keyring "$(ubuntu_keyring)")
        "${NICE[@]}" debootstrap --variant=minbase "${keyring[@]}" "$suite" "$base" "$mirror" \
            "/usr/share/debootstrap/scripts/$script" >"$CACHE/logs/$target-debootstrap.log" 2>&1 \
            || { log "debootstrap failed: $CACHE/logs/$target-debootstrap.log"; return 1; }
        touch "$base/.compat-base-complete"
    fi
    if [ ! -e "$base/.compat-user-ready" ]; then
        if [[ $target == ubuntu-* ]]; then  # minbase has only main; the Qt libraries are in universe
            echo "deb $mirror $suite main universe" >"$base/etc/apt/sources.list"
            echo "deb $mirror $suite-updates main universe" >>"$base/etc/apt/sources.list"
        fi
        cp /etc/resolv.conf "$base/etc/resolv.conf"
        chroot "$base" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            DEBIAN_FRONTEND=noninteractive bash -euc "
            apt-get update -qq
            apt-get install -y -qq --no-install-recommends sudo >/dev/null
            id -u $USER_NAME >/dev/null 2>&1 || useradd -m -s /bin/bash $USER_NAME
            echo '$USER_NAME ALL=(ALL) NOPASSWD: ALL' >/etc/sudoers.d/$USER_NAME
            chmod 0440 /etc/sudoers.d/$USER_NAME
            apt-get clean" >&2
        touch "$base/.compat-user-ready"
    fi
    echo "$base"
}

# A fresh copy of the target's bare root for one run, with /proc, /dev and the download caches
# (apt's .debs and pip's wheels, which only save downloads) mounted; sets ROOT to its path.
# Not in a $(...) subshell: the mounts are recorded in MOUNTED for unmount_all.
fresh_root() {
    local target=$1 purpose=$2 base
    base=$(base_root "$target") || return 1
    ROOT="$CACHE/run/$purpose-$target"
    remove_root "$ROOT"
    mkdir -p "$CACHE/run"
    cp -a "$base" "$ROOT"
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
    mkdir -p "$CACHE/apt/$target/partial" "$CACHE/pip/$target"
    local uid
    uid=$(chroot "$ROOT" id -u "$USER_NAME")
    mkdir -p "$ROOT/home/$USER_NAME/.cache/pip"
    chown "$uid:$uid" "$CACHE/pip/$target" "$ROOT/home/$USER_NAME/.cache" \
        "$ROOT/home/$USER_NAME/.cache/pip"
    mount_in "$ROOT/proc" -t proc proc
    mount_in "$ROOT/dev" --bind /dev
    mount_in "$ROOT/dev/pts" -t devpts -o newinstance,ptmxmode=0666 devpts
    mount_in "$ROOT/dev/shm" -t tmpfs -o mode=1777 tmpfs
    mount_in "$ROOT/sys" -t sysfs sysfs
    mount_in "$ROOT/var/cache/apt/archives" --bind "$CACHE/apt/$target"
    mount_in "$ROOT/home/$USER_NAME/.cache/pip" --bind "$CACHE/pip/$target"
    # pip in the root trusts what this machine's pip trusts: where the network re-signs TLS
    # (a proxy with its own CA), pip's own certificates would refuse PyPI. Not a package path.
    cp "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" "$ROOT/etc/compat-host-ca.crt"
    # apt's docker-style clean hook, if any, would empty the shared archive cache
    rm -f "$ROOT/etc/apt/apt.conf.d/docker-clean"
}

mount_in() {  # mount_in WHERE MOUNT-ARGS...
    local where=$1
    shift
    mount "$@" "$where"
    MOUNTED+=("$where")
}

unmount_all() {
    local i
    for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
        umount -l "${MOUNTED[$i]}" 2>/dev/null || true
    done
    MOUNTED=()
}

# Delete a run root, but never one with something still mounted inside (/dev is the host's).
remove_root() {
    local root=$1
    [ -e "$root" ] || return 0
    if grep -q " $root/" /proc/mounts; then
        echo "compat: $root still has mounts; not deleting it" >&2
        return 1
    fi
    rm -rf --one-file-system "$root"
}

# Run a bash script in the root as the user, from their home, with a clean login environment.
as_user() {
    local root=$1 script=$2
    shift 2
    # a hung step fails after COMPAT_TIMEOUT seconds instead of holding the machine
    timeout -k 30 "${COMPAT_TIMEOUT:-3000}" "${NICE[@]}" chroot "$root" /usr/sbin/runuser -u "$USER_NAME" -- /usr/bin/env -i \
        HOME="/home/$USER_NAME" USER="$USER_NAME" LOGNAME="$USER_NAME" SHELL=/bin/bash \
        PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 TERM=dumb \
        PIP_CERT=/etc/compat-host-ca.crt "$@" \
        bash -c "cd ~ && $script"
}

# Start a command line that ends in starting the app (offscreen, no display here), let the app
# run for a few seconds once its process exists, then ask it to quit with SIGTERM as a logout
# would. The app closes its window on SIGTERM only from inside Qt's event loop, after the
# window is shown (ui/app.py), so status 0 here means the window was open and closed cleanly;
# an abort or a missing library exits before with another status. Prints nothing; returns it.
START_THEN_QUIT='
line=$1; marker=$2; settle=${3:-8}
bash -c "$line" &
whole=$!
app=""
while kill -0 "$whole" 2>/dev/null; do
    for p in /proc/[0-9]*; do
        # /proc shows the whole machine: only a process in this root (another run may be starting)
        [ "$p/root/" -ef / ] 2>/dev/null || continue
        if tr "\0" " " 2>/dev/null <"$p/cmdline" | grep -Eq -- "$marker"; then app=${p#/proc/}; break; fi
    done
    [ -n "$app" ] && break
    sleep 0.5
done
if [ -n "$app" ]; then
    echo "compat: the app is running (pid $app); quitting it in $settle s" >&2
    sleep "$settle"
    if kill -0 "$app" 2>/dev/null; then kill -TERM "$app"
    else echo "compat: the app had already exited" >&2; fi
fi
wait "$whole"
'

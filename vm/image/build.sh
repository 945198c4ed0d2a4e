#!/usr/bin/env bash
# Builds Berth's guest image from Debian packages: kernel, initramfs, read-only root disk, rootfs tar and a
# manifest of versions and sha256 sums. Output goes to a cache dir keyed by the hash of this recipe, so a
# rerun reuses it. Run as root on Debian (debootstrap needs it). See vm/image/README.md.
#   bash vm/image/build.sh [--arch amd64|arm64] [--rebuild] [--clean]   # prints the image dir on its last line
# --rebuild builds anew but reuses the installed packages of an earlier build with the same package lists
# (a local shortcut, kept in the cache dir); --clean also drops those. A fresh machine (CI) has neither.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
rebuild=${BERTH_VM_IMAGE_REBUILD:-0}
clean=0
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    --clean) rebuild=1; clean=1; shift ;;
    *) echo "vm-image: unknown argument $1 (expected --arch ARCH, --rebuild, --clean)" >&2; exit 2 ;;
  esac
done
case $arch in amd64|arm64) ;; *) echo "vm-image: unsupported architecture $arch (amd64 or arm64)" >&2; exit 2 ;; esac
# shellcheck source=packages.env
source "$here/packages.env"
log() { echo "vm-image: $*" >&2; }
# The mirror this machine's apt already uses (deb822 .sources or a classic sources.list line).
host_mirror() {
  { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
    grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{for (i = 2; i <= NF; i++) if ($i !~ /^\[/) { print $i; break }}'
  } | grep -v -e security -e updates | head -1
}
MIRROR=${BERTH_DEBIAN_MIRROR:-$(host_mirror || true)}  # a missing sources file fails a grep under pipefail
[ -n "$MIRROR" ] || { echo "vm-image: no Debian mirror found in /etc/apt; set BERTH_DEBIAN_MIRROR" >&2; exit 1; }

# The recipe hash: every file here but the TypeScript and docs, plus the architecture (vm/image/image-key.ts
# computes the same).
key=$(cd "$here" && { find . -type f ! -name '*.ts' ! -name '*.md' | LC_ALL=C sort | while read -r f; do
  printf '%s\n' "$f"; cat "$f"; done; printf '%s\n' "$arch"; } | sha256sum | cut -c1-16)
cache=${BERTH_VM_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth/vm-image}
out=$cache/$arch-$key
if [ "$rebuild" != 1 ] && [ -f "$out/manifest.json" ]; then
  log "reusing $out (BERTH_VM_IMAGE_REBUILD=1 or --rebuild builds it anew)"
  echo "$out"; exit 0
fi

if [ "$(id -u)" != 0 ]; then echo "vm-image: building the guest image needs root (debootstrap); run it with sudo" >&2; exit 1; fi
host_arch=$(dpkg --print-architecture)
[ "$arch" = "$host_arch" ] || { echo "vm-image: build $arch images on an $arch machine (this one is $host_arch)" >&2; exit 1; }
# Also QEMU and zstd, which run the image (tests, benchmark): a fresh machine gets all it needs here.
qemu=qemu-system-x86_64:qemu-system-x86; [ "$arch" = arm64 ] && qemu=qemu-system-aarch64:qemu-system-arm
need=(debootstrap:debootstrap mkfs.ext4:e2fsprogs cpio:cpio depmod:kmod xz:xz-utils zstd:zstd gzip:gzip "$qemu")
missing=()
for n in "${need[@]}"; do command -v "${n%%:*}" >/dev/null 2>&1 || missing+=("${n#*:}"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

t0=$(date +%s)
mkdir -p "$cache"
work=$(mktemp -d "$cache/.build-XXXXXX")
root=$work/rootfs
cleanup() {
  for m in proc sys dev/pts; do mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

stage_key=$( { grep -E '^(BASE_SUITE|ENGINE_SUITE|MIRROR|BASE_PACKAGES|ENGINE_PACKAGES)=' "$here/packages.env"; echo "$arch"; } | sha256sum | cut -c1-16)
stage=$cache/.stage-$arch-$stage_key.tar
[ "$clean" = 1 ] && rm -f "$cache"/.stage-*.tar
if [ -f "$stage" ]; then
  log "reusing installed packages from $stage"
  mkdir -p "$root" && tar -C "$root" -xf "$stage"
  t1=$(date +%s)
else
  log "debootstrap $BASE_SUITE ($arch, minbase)"
  debootstrap --arch="$arch" --variant=minbase --components=main \
    --include="$(echo "$BASE_PACKAGES" | tr -s ' ' ',')" "$BASE_SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  t1=$(date +%s)

  mount -t proc proc "$root/proc"
  printf 'path-exclude=/usr/share/%s/*\n' doc man info locale lintian >"$root/etc/dpkg/dpkg.cfg.d/01-berth-nodoc"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"; chmod +x "$root/usr/sbin/policy-rc.d"
  printf 'deb %s %s main\n' "$MIRROR" "$BASE_SUITE" >"$root/etc/apt/sources.list"
  # The archive reached here serves sid with a Release file past its Valid-Until date; it is still signed.
  [ "$ENGINE_SUITE" = "$BASE_SUITE" ] || printf 'deb [check-valid-until=no] %s %s main\n' "$MIRROR" "$ENGINE_SUITE" >>"$root/etc/apt/sources.list"
  printf 'APT::Default-Release "%s";\nAPT::Install-Recommends "false";\n' "$BASE_SUITE" >"$root/etc/apt/apt.conf.d/90berth"
  in_root() { DEBIAN_FRONTEND=noninteractive LC_ALL=C chroot "$root" "$@"; }
  log "engine packages from $ENGINE_SUITE: $ENGINE_PACKAGES"
  in_root apt-get update -qq >/dev/null
  # shellcheck disable=SC2046
  in_root apt-get install -y -qq $(for p in $ENGINE_PACKAGES; do printf '%s/%s ' "$p" "$ENGINE_SUITE"; done) >"$work/apt.log" 2>&1 \
    || { tail -30 "$work/apt.log" >&2; exit 1; }
  karch=$arch
  kpkg=$(in_root apt-cache depends "linux-image-$karch" | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -1)
  [ -n "$kpkg" ] || { echo "vm-image: cannot resolve linux-image-$karch" >&2; exit 1; }
  log "kernel $kpkg, busybox-static"
  mkdir -p "$root/tmp/debs"
  (cd "$root/tmp/debs" && in_root sh -c "cd /tmp/debs && apt-get download -qq $kpkg busybox-static" >/dev/null)
  in_root dpkg-query -W -f '${Package}\t${Version}\n' >"$root/tmp/debs/packages.tsv"
  for d in "$root"/tmp/debs/*.deb; do printf '%s\t%s\n' "$(dpkg-deb -f "$d" Package)" "$(dpkg-deb -f "$d" Version)"; done >>"$root/tmp/debs/packages.tsv"
  umount "$root/proc"
  tar -C "$root" -cf "$stage.tmp" . && mv "$stage.tmp" "$stage"
fi
t2=$(date +%s)

# Kernel and modules: the deb is extracted, not installed (the root disk carries no modules).
kdir=$work/kernel
dpkg-deb -x "$root"/tmp/debs/linux-image-*.deb "$kdir"
kver=$(ls "$kdir/boot" | sed -n 's/^vmlinuz-//p' | head -1)
[ -d "$kdir/lib/modules" ] || ln -s usr/lib "$kdir/lib"
depmod -b "$kdir" "$kver"  # the deb ships no modules.dep
ird=$work/initramfs
mkdir -p "$ird"/{bin,dev,proc,sys,newroot,ro,rw,lib/modules}
dpkg-deb -x "$root"/tmp/debs/busybox-static_*.deb "$work/bb"
cp "$(find "$work/bb" -type f -path '*bin/busybox' | head -1)" "$ird/bin/busybox"
ln -s busybox "$ird/bin/sh"
mknod -m 600 "$ird/dev/console" c 5 1
# Module signatures are dropped: the guest kernel does not enforce them, and checking them under emulation
# costs boot time. Layout at the end of a module: PKCS#7 | struct module_signature (12 bytes, sig_len
# big-endian in its last 4) | "~Module signature appended~\n" (28 bytes).
strip_signature() {
  [ "$(tail -c 28 "$1")" = "~Module signature appended~" ] || return 0
  local len size
  len=$(tail -c 32 "$1" | head -c 4 | od -An -tu1 | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
  size=$(stat -c %s "$1")
  truncate -s $((size - len - 40)) "$1"
}
# collect DIR MODULE…: copies the modules and their dependencies, uncompressed, into DIR in load order
# (DIR/modules.list), skipping any listed in $skip. Built-in ones need nothing.
collect() {
  local dir=$1; shift
  mkdir -p "$dir"; : >"$dir/modules.list"
  for m in "$@"; do
    deps=$(modprobe -d "$kdir" -S "$kver" --show-depends "$m" 2>/dev/null) || { log "warning: no module $m in $kver"; continue; }
    echo "$deps" | sed -n 's/^insmod \([^ ]*\).*/\1/p' | while read -r path; do
      name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}; name=${name%.gz}
      grep -qx "$name" "$dir/modules.list" $skip 2>/dev/null && continue
      case $path in
        *.xz) xz -dc "$path" >"$dir/$name" ;;
        *.zst) zstd -qdc "$path" >"$dir/$name" ;;
        *) cp "$path" "$dir/$name" ;;
      esac
      strip_signature "$dir/$name"
      echo "$name" >>"$dir/modules.list"
    done
  done
}
# What mounting the root disk needs goes in the initramfs; the rest loads from the root disk while the
# guest init goes on (loading them all first cost 20 s of a loaded TCG boot).
skip=""
# shellcheck disable=SC2086
collect "$ird/lib/modules" $ROOT_MODULES
mv "$ird/lib/modules/modules.list" "$ird/modules.list"
skip="$ird/modules.list"
# The root disk's modules sit where modprobe looks, with a modules.dep, so the guest init loads each set
# with one busybox modprobe: one process instead of one insmod per module, each of which cost about a
# tenth of a second under TCG.
rmods=$root/usr/lib/modules/$kver
# shellcheck disable=SC2086
collect "$rmods/berth" $MODULES
skip="$ird/modules.list $rmods/berth/modules.list"
# shellcheck disable=SC2086
collect "$rmods/berth-late" $LATE_MODULES
mkdir -p "$root/usr/lib/berth"
mv "$rmods/berth/modules.list" "$root/usr/lib/berth/modules.list"
mv "$rmods/berth-late/modules.list" "$root/usr/lib/berth/late-modules.list"
cp "$kdir/lib/modules/$kver"/modules.builtin* "$kdir/lib/modules/$kver/modules.order" "$rmods/"
depmod -b "$root" "$kver"
install -m 755 "$here/guest/initramfs-init" "$ird/init"
(cd "$ird" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) >"$work/initrd.img"

# The root disk: our init and config, everything writable lives on tmpfs or the data disk.
cp "$root/tmp/debs/packages.tsv" "$work/packages.tsv"
install -m 755 "$here/guest/berth-init" "$root/sbin/berth-init"
install -D -m 755 "$here/guest/power-button" "$root/etc/acpi/PWRF/00000080"
install -m 755 "$here/guest/shutdown" "$root/usr/sbin/shutdown"
install -m 755 "$here/guest/hwclock" "$root/usr/sbin/hwclock"
install -m 755 "$here/guest/berth-shares" "$root/usr/sbin/berth-shares"
install -D -m 644 "$here/guest/containerd.toml" "$root/etc/containerd/config.toml"
ln -sf /run/resolv.conf "$root/etc/resolv.conf"
echo berth >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 berth\n::1 localhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
# What berth-init mounts with one `mount -a` (the root disk and the data disk are mounted by the scripts).
printf '%s\n' 'tmpfs /run tmpfs mode=755,nosuid,nodev 0 0' 'tmpfs /tmp tmpfs mode=1777,nosuid,nodev 0 0' \
  'devpts /dev/pts devpts gid=5,mode=620,ptmxmode=666 0 0' 'tmpfs /dev/shm tmpfs mode=1777,nosuid,nodev 0 0' \
  'cgroup2 /sys/fs/cgroup cgroup2 defaults 0 0' >"$root/etc/fstab"
mkdir -p "$root/mnt/data" "$root/var/lib/docker" "$root/var/lib/containerd"
rm -rf "$root"/tmp/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
  "$root"/var/log/* "$root/usr/sbin/policy-rc.d"
size=$(( $(du -sm "$root" | cut -f1) * 115 / 100 + 64 ))
mkfs.ext4 -q -F -L berth-root -m 0 -O ^has_journal -E root_owner=0:0 -d "$root" "$work/rootfs.img" "${size}M"
tar --numeric-owner -C "$root" -cf - . | gzip -1 >"$work/rootfs.tar.gz"
cp "$kdir/boot/vmlinuz-$kver" "$work/vmlinuz"
mkdir -p "$work/out"
# x86: also the uncompressed kernel (an ELF with a PVH entry note), which QEMU starts directly. The bzImage
# spends about a second of a TCG boot in its decompressor and firmware hand-off. The payload is the first
# zstd (or xz) stream in the bzImage that decompresses to an ELF, found the way the kernel's
# scripts/extract-vmlinux does; decompressors complain about the bzImage's trailing bytes, so only the ELF
# magic counts.
if [ "$arch" = amd64 ]; then
  for fmt in '\050\265\057\375:zstd -qdc' '\375\067\172\130\132\000:xz -qdc'; do
    magic=$(printf "${fmt%%:*}")
    for pos in $(LC_ALL=C grep -aboF -- "$magic" "$work/vmlinuz" | cut -d: -f1); do
      tail -c +$((pos + 1)) "$work/vmlinuz" | ${fmt#*:} >"$work/vmlinux" 2>/dev/null || true
      [ "$(head -c 4 "$work/vmlinux" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] && break 2
    done
  done
  [ "$(head -c 4 "$work/vmlinux" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 7f454c46 ] ||
    { echo "vm-image: no ELF kernel found inside vmlinuz-$kver" >&2; exit 1; }
  mv "$work/vmlinux" "$work/out/"
fi
t3=$(date +%s)

mv "$work/vmlinuz" "$work/initrd.img" "$work/rootfs.img" "$work/rootfs.tar.gz" "$work/out/"
BERTH_ARCH=$arch BERTH_KEY=$key BERTH_KVER=$kver BERTH_BASE=$BASE_SUITE BERTH_ENGINE=$ENGINE_SUITE \
BERTH_TIMES="$((t1 - t0)) $((t2 - t1)) $((t3 - t2))" node "$here/write-manifest.mjs" "$work/out" "$work/packages.tsv" \
  <(cat "$ird/modules.list" "$root"/usr/lib/berth/modules.list "$root"/usr/lib/berth/late-modules.list)
rm -rf "$out"
mv "$work/out" "$out"
log "built $out in $((t3 - t0)) s (debootstrap $((t1 - t0)) s, engine packages $((t2 - t1)) s, assembly $((t3 - t2)) s)"
echo "$out"

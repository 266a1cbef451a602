#!/bin/bash
# sevstack-launch-qemu: start a plain, SEV, SEV-ES or SEV-SNP guest with SevStack's QEMU.
# The command line is the one SevStack's Launch target builds (LaunchCommandBuilder), itself AMD's
# launch-qemu.sh without its hard-coded values: the C-bit position comes from CPUID 0x8000001F.
set -euo pipefail
shopt -s inherit_errexit

prefix='@PREFIX@'
me=sevstack-launch-qemu

die() {
	printf '%s: %s\n' "$me" "$*" >&2
	exit 1
}

usage() {
	cat <<EOF
Usage: $me [options]
  --sev | --sev-es | --sev-snp   encrypt the guest (each level includes the ones before it); default: plain guest
  --policy N            guest policy (0x1 style or decimal); default: 0x1 (SEV), 0x5 (SEV-ES), 0x30000 (SEV-SNP)
  --allow-debug         let the hypervisor debug the guest (clears NODBG, sets the SNP DEBUG bit)
  --mem MIB             guest memory in MiB (2048)
  --smp N               virtual CPUs (4)
  --cpu MODEL           QEMU CPU model (EPYC-v4)
  --hda PATH            disk image, attached through virtio-scsi with iommu_platform (qcow2 if it ends in .qcow2)
  --cdrom PATH          CD image to boot from
  --kernel PATH, --initrd PATH, --append TEXT   direct kernel boot
  --ovmf-code PATH      OVMF code, read-only pflash ($prefix/share/sevstack-ovmf/OVMF_CODE.fd)
  --ovmf-vars PATH      OVMF variable store template, copied once per guest ($prefix/share/sevstack-ovmf/OVMF_VARS.fd)
  --ovmf PATH           single OVMF image that SEV-SNP guests boot with -bios ($prefix/share/sevstack-ovmf/OVMF.fd)
  --state-dir DIR       where the per-guest copy <name>.OVMF_VARS.fd lives (.)
  --name NAME           guest name (default: the disk, CD or kernel file name without extension)
  --net user            QEMU user networking (virtio-net with iommu_platform)
  --monitor PATH        QEMU monitor on a unix socket
  --certs PATH          SNP certificate blob (certs-path)
  --cbitpos N           C-bit position; default: read from CPUID 0x8000001F in /dev/cpu/0/cpuid
  --accel kvm|tcg       accelerator (kvm); tcg only to try a plain command line where KVM is missing
  --qemu PATH           QEMU binary ($prefix/bin/qemu-system-x86_64)
  --host-root DIR       read /dev/cpu/0/cpuid below DIR (for tests)
  --print               print the command line and exit
  -- ARGS...            pass the remaining arguments to QEMU unchanged (e.g. -- -S -vnc :1)
EOF
}

level=none policy='' allow_debug=0 mem=2048 smp=4 cpu=EPYC-v4 hda='' cdrom='' kernel='' initrd=''
append='console=ttyS0 earlyprintk=serial root=/dev/sda2'
ovmf_code="$prefix/share/sevstack-ovmf/OVMF_CODE.fd"
ovmf_vars="$prefix/share/sevstack-ovmf/OVMF_VARS.fd"
ovmf_snp="$prefix/share/sevstack-ovmf/OVMF.fd"
state_dir=. name='' net=none monitor='' certs='' cbitpos='' accel=kvm qemu="$prefix/bin/qemu-system-x86_64"
host_root=/ print=0 extra=()

while (($# > 0)); do
	option=$1
	shift
	case $option in
	--sev) level=sev ;;
	--sev-es) level=sev-es ;;
	--sev-snp) level=sev-snp ;;
	--allow-debug) allow_debug=1 ;;
	--print) print=1 ;;
	--)
		extra=("$@")
		break
		;;
	-h | --help)
		usage
		exit 0
		;;
	--policy | --mem | --smp | --cpu | --hda | --cdrom | --kernel | --initrd | --append | --ovmf-code | --ovmf-vars | \
		--ovmf | --state-dir | --name | --net | --monitor | --certs | --cbitpos | --accel | --qemu | --host-root)
		(($# > 0)) || die "$option needs a value (see --help)"
		value=$1
		shift
		case $option in
		--policy) policy=$value ;;
		--mem) mem=$value ;;
		--smp) smp=$value ;;
		--cpu) cpu=$value ;;
		--hda) hda=$value ;;
		--cdrom) cdrom=$value ;;
		--kernel) kernel=$value ;;
		--initrd) initrd=$value ;;
		--append) append=$value ;;
		--ovmf-code) ovmf_code=$value ;;
		--ovmf-vars) ovmf_vars=$value ;;
		--ovmf) ovmf_snp=$value ;;
		--state-dir) state_dir=$value ;;
		--name) name=$value ;;
		--net) net=$value ;;
		--monitor) monitor=$value ;;
		--certs) certs=$value ;;
		--cbitpos) cbitpos=$value ;;
		--accel) accel=$value ;;
		--qemu) qemu=$value ;;
		--host-root) host_root=$value ;;
		esac
		;;
	*) die "unknown option $option (see --help)" ;;
	esac
done

# A number as QEMU and the firmware take it: decimal, or hexadecimal with 0x.
number() {
	case $2 in
	0[xX][0-9a-fA-F]*) [[ $2 =~ ^0[xX][0-9a-fA-F]{1,16}$ ]] || die "$1 $2: expects a number such as 0x1 or 5" ;;
	*) [[ $2 =~ ^[0-9]{1,19}$ ]] || die "$1 $2: expects a number such as 0x1 or 5" ;;
	esac
	if [[ $2 == 0[xX]* ]]; then printf '%d' "$2"; else printf '%d' "$((10#$2))"; fi
}

# A value inside a QEMU option list, where a literal comma is written twice.
value() { printf '%s' "${1//,/,,}"; }

# The word as a POSIX shell reads it back (the quoting of SevStack's ShellQuote).
quote() {
	if [[ -n $1 && $1 != *[!a-zA-Z0-9_./=:,+@%^-]* ]]; then
		printf '%s' "$1"
	else
		printf "'%s'" "${1//\'/\'\\\'\'}"
	fi
}

mem=$(number --mem "$mem")
smp=$(number --smp "$smp")
((mem >= 128)) || die "guest memory $mem MiB is too small; give at least 128"
((smp >= 1)) || die "guest CPU count $smp must be at least 1"
[[ $net == none || $net == user ]] || die "--net $net: only 'user' (QEMU user networking) is supported"
[[ $accel == kvm || $accel == tcg ]] || die "--accel $accel: expects kvm or tcg"
[[ -z $certs || $level == sev-snp ]] || die "an SNP certificate blob (--certs) only applies to --sev-snp guests"
[[ -n $hda || -n $cdrom || -n $kernel ]] || die "nothing to boot: give a disk image (--hda), a CD image (--cdrom) or a kernel (--kernel)"

notes=()

# EAX, EBX, ECX, EDX of one CPUID leaf from the cpuid driver, where the file offset is the leaf.
cpuid_leaf() {
	dd if="$1" bs=16 count=1 skip=$(($2)) iflag=skip_bytes status=none | od -An -v -t u4
}

# The C-bit position (CPUID 0x8000001F EBX[5:0]); never a guess.
c_bit_position() {
	if [[ -n $cbitpos ]]; then
		cbitpos=$(number --cbitpos "$cbitpos")
		((cbitpos >= 32 && cbitpos <= 63)) || die "--cbitpos $cbitpos is outside 32-63; pass the C-bit position that CheckHost's cpuid check reports"
		notes+=("C-bit position $cbitpos as given")
		return
	fi
	local device="${host_root%/}/dev/cpu/0/cpuid" max eax ebx _
	[[ -e $device ]] || die "the C-bit position is unknown: $device does not exist; load the cpuid driver (modprobe cpuid), or pass --cbitpos N from CheckHost"
	[[ -r $device ]] || die "the C-bit position is unknown: $device is not readable; run as root, or pass --cbitpos N from CheckHost"
	read -r eax ebx _ < <(cpuid_leaf "$device" 0x8000001F) || true
	[[ -n ${ebx:-} ]] || die "the C-bit position is unknown: $device returned no data for leaf 0x8000001F; pass --cbitpos N from CheckHost"
	read -r max _ < <(cpuid_leaf "$device" 0x80000000) || true
	if [[ ${max:-0} != 0 ]] && ((max < 0x8000001F)) || ((!(eax & 0x2) || !(ebx & 0x3F))); then
		die "this CPU reports no SEV support in CPUID 0x8000001F; run CheckHost to see why"
	fi
	cbitpos=$((ebx & 0x3F))
	notes+=("C-bit position $cbitpos from CPUID 0x8000001F EBX[5:0] ($device)")
}

sev_policy() {
	local p
	if [[ -n $policy ]]; then
		p=$(number --policy "$policy")
		((p >= 0 && p <= 0xFFFFFFFF)) || die "SEV policy $(printf '0x%x' "$p") does not fit in 32 bits (64-bit policies are for --sev-snp)"
	else
		p=$((allow_debug ? 0 : 0x1))
		[[ $level == sev-es ]] && p=$((p | 0x4))
	fi
	local shown
	shown=$(printf '0x%x' "$p")
	((!(p & 0xFFC0))) || die "SEV policy $shown sets reserved bits 6-15 ($(printf '0x%x' $((p & 0xFFC0)))); the firmware rejects it"
	if [[ $level == sev-es ]] && ((!(p & 0x4))); then
		die "SEV policy $shown lacks bit 2 (0x4, SEV-ES), which QEMU reads to start an SEV-ES guest; use --policy $(printf '0x%x' $((p | 0x4)))"
	fi
	if [[ $level == sev ]] && ((p & 0x4)); then
		die "SEV policy $shown sets bit 2 (0x4, SEV-ES) but plain SEV was requested; use --sev-es for an SEV-ES guest, or --policy $(printf '0x%x' $((p & ~0x4))) for plain SEV"
	fi
	printf '%s' "$shown"
}

snp_policy() {
	local p
	if [[ -n $policy ]]; then p=$(number --policy "$policy"); else p=$((0x30000 | (allow_debug ? 0x80000 : 0))); fi
	local shown
	shown=$(printf '0x%x' "$p")
	((p & 0x20000)) || die "SNP policy $shown clears bit 17, which the firmware requires set; use --policy $(printf '0x%x' $((p | 0x20000)))"
	((p >= 0 && p < 0x4000000)) || die "SNP policy $shown sets bits above 25, which are reserved"
	printf '%s' "$shown"
}

args=()
if [[ $accel == kvm ]]; then args+=(-enable-kvm); else args+=(-accel "$accel"); fi
args+=(-cpu "$cpu")
case $level in
none) args+=(-machine q35) ;;
sev-snp) args+=(-machine "q35,confidential-guest-support=sev0,vmport=off,memory-backend=ram1") ;;
*) args+=(-machine "q35,confidential-guest-support=sev0,vmport=off") ;;
esac
args+=(-smp "$smp" -m "${mem}M" -no-reboot)

vars_copy=''
if [[ $level == sev-snp ]]; then
	args+=(-bios "$ovmf_snp")
	notes+=("SEV-SNP boots a single OVMF image with -bios: its memory is private, so pflash cannot be used")
else
	if [[ -z $name ]]; then
		name=${hda:-${cdrom:-$kernel}}
		name=${name##*/}
		name=${name%.*}
	fi
	vars_copy="${state_dir%/}/$name.OVMF_VARS.fd"
	args+=(-drive "if=pflash,format=raw,unit=0,file=$(value "$ovmf_code"),readonly=on")
	args+=(-drive "if=pflash,format=raw,unit=1,file=$(value "$vars_copy")")
fi

[[ -z $cdrom ]] || args+=(-drive "file=$(value "$cdrom"),media=cdrom" -boot d)
[[ $net != user ]] || args+=(-netdev "user,id=vmnic" -device "virtio-net-pci,disable-legacy=on,iommu_platform=on,netdev=vmnic,romfile=")
if [[ -n $hda ]]; then
	format=raw
	shopt -s nocasematch
	[[ $hda == *.qcow2 ]] && format=qcow2
	shopt -u nocasematch
	args+=(-drive "file=$(value "$hda"),if=none,id=disk0,format=$format")
	args+=(-device "virtio-scsi-pci,id=scsi0,disable-legacy=on,iommu_platform=on")
	args+=(-device "scsi-hd,drive=disk0")
fi

if [[ $level != none ]]; then
	c_bit_position
	common="cbitpos=$cbitpos,reduced-phys-bits=1"
	if [[ $level == sev-snp ]]; then
		shown=$(snp_policy)
		notes+=("SNP policy $shown; the memory-backend-memfd backend holds the guest's private memory")
		certs_option=''
		[[ -z $certs ]] || certs_option=",certs-path=$(value "$certs")"
		args+=(-object "memory-backend-memfd,id=ram1,size=${mem}M,share=true,prealloc=false")
		args+=(-object "sev-snp-guest,id=sev0,policy=$shown,$common$certs_option")
	else
		shown=$(sev_policy)
		notes+=("SEV policy $shown")
		args+=(-object "sev-guest,id=sev0,policy=$shown,$common")
	fi
fi

if [[ -n $kernel ]]; then
	args+=(-kernel "$kernel" -append "$append")
	[[ -z $initrd ]] || args+=(-initrd "$initrd")
fi
args+=(-nographic)
[[ -z $monitor ]] || args+=(-monitor "unix:$(value "$monitor"),server=on,wait=off")
args+=("${extra[@]}")

if ((print)); then
	line=$(quote "$qemu")
	for argument in "${args[@]}"; do
		if [[ $argument == -* ]]; then line+=$' \\\n  '; else line+=' '; fi
		line+=$(quote "$argument")
	done
	printf '%s\n' "$line"
	for note in "${notes[@]}"; do printf '# %s\n' "$note"; done
	exit 0
fi

if [[ $level == sev-snp ]]; then inputs=("$ovmf_snp"); else inputs=("$ovmf_code"); fi
for file in "${inputs[@]}" "$hda" "$cdrom" "$kernel" "$initrd" "$certs"; do
	[[ -z $file || -e $file ]] || die "the guest cannot start: $file does not exist"
done
if [[ $level != none ]]; then
	object=sev-guest
	[[ $level == sev-snp ]] && object=sev-snp-guest
	objects=$("$qemu" -object help 2>/dev/null) || die "cannot run $qemu; install sevstack-qemu or give --qemu"
	grep -qx "  *$object" <<<"$objects" ||
		die "$qemu has no $object object, so it cannot start $level guests; use a QEMU with $level support (SEV-SNP needs QEMU 9.1 or later) through --qemu"
fi
if [[ -n $vars_copy && ! -e $vars_copy ]]; then
	[[ -e $ovmf_vars ]] || die "OVMF variable store template $ovmf_vars does not exist; install sevstack-ovmf or give --ovmf-vars"
	mkdir -p -- "$(dirname -- "$vars_copy")"
	cp -- "$ovmf_vars" "$vars_copy"
fi
exec "$qemu" "${args[@]}"

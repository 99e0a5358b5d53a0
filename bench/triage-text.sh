#!/bin/sh
# triage-text.sh -- time to findings on a large text export: Event Viewer
# "Save as text" blocks and one-line XML events, where about 1% of the
# events come from providers the knowledge base reads. Times
# `vsstriage --report --format=json --prefilter` against the same report
# reading every event, checks that both agree, and prints MB/s and peak
# resident memory. Measured, never asserted.
#
#   make bench                     (from a build directory)
#   sh bench/triage-text.sh [SIZE_MB] [RUNS]
#
# SIZE_MB defaults to 1024, RUNS (of the prefiltered report) to 3.
set -u
size=${1:-1024}
runs=${2:-3}
: "${VS_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${VS_BUILDDIR:=$VS_SRCDIR}"
: "${VSSTRIAGE_KB:=$VS_SRCDIR/kb}"
export VSSTRIAGE_KB
out=$VS_BUILDDIR/bench/out
mkdir -p "$out" || exit 1

die() {
	echo "triage-text: $*" >&2
	exit 1
}

. "$VS_SRCDIR/bench/lib.sh"
plain_vsstriage

# seed FORMAT: about 1 MB of events, one in a hundred from the KB's
# providers (a VSS 8193 with 0x80042409, then a SQLVDI 1).
seed() {
	awk -v fmt="$1" '
	function text(src, id, lvl, msg) {
		printf "Log Name:      Application\n"
		printf "Source:        %s\n", src
		printf "Date:          3/14/2024 %d:%02d:%02d PM\n", 1 + n % 11, n % 60, (n * 7) % 60
		printf "Event ID:      %d\n", id
		printf "Task Category: None\nLevel:         %s\n", lvl
		printf "Keywords:      Classic\nUser:          N/A\n"
		printf "Computer:      APP01.example.test\nDescription:\n%s\n\n", msg
	}
	function xml(src, id, lvl, msg) {
		printf "<Event xmlns=\x27http://schemas.microsoft.com/win/2004/08/events/event\x27>"
		printf "<System><Provider Name=\x27%s\x27/><EventID Qualifiers=\x270\x27>%d</EventID>", src, id
		printf "<Level>%d</Level><TimeCreated SystemTime=\x272024-03-14T%02d:%02d:%02d.0000000Z\x27/>", lvl, n % 24, n % 60, (n * 7) % 60
		printf "<Channel>Application</Channel><Computer>APP01.example.test</Computer></System>"
		printf "<EventData><Data>%s</Data></EventData></Event>\n", msg
	}
	function ev(src, id, lvl, msg) {
		n++
		if (fmt == "xml")
			xml(src, id, lvl == "Error" ? 2 : 4, msg)
		else
			text(src, id, lvl, msg)
	}
	BEGIN {
		noise[0] = "MsiInstaller"; nid[0] = 1033
		nmsg[0] = "Windows Installer installed the product. Product Name: Contoso Agent. Product Version: 7.2.1. Installation success or error status: 0."
		noise[1] = "Microsoft-Windows-Security-SPP"; nid[1] = 16384
		nmsg[1] = "Successfully scheduled Software Protection service for re-start at 2024-03-15T02:11:09Z. Reason: RulesEngine."
		noise[2] = "Application Error"; nid[2] = 1000
		nmsg[2] = "Faulting application name: report.exe, version: 2.0.0.1, time stamp: 0x5f1e2d3c\nFaulting module name: ntdll.dll, version: 10.0.17763.1, time stamp: 0x2e4f1b7a\nException code: 0xc0000005\n\nFault offset: 0x000000000009a1b2"
		noise[3] = "ESENT"; nid[3] = 326
		nmsg[3] = "svchost (1234,D,50) SRUJet: The database engine attached a database (1, C:\\Windows\\system32\\SRU\\SRUDB.dat). (Time=0 seconds)"
		while (bytes < 1048576) {
			for (i = 0; i < 99; i++) {
				k = i % 4
				ev(noise[k], nid[k], "Information", nmsg[k])
				bytes += 420
			}
			if (kb++ % 2 == 0)
				ev("VSS", 8193, "Error", "Volume Shadow Copy Service error: Unexpected error calling routine IVssWriterCallback::GetBackupState. hr = 0x80042409, The writer session state is not valid.")
			else
				ev("SQLVDI", 1, "Error", "SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=1234. Thread=5678. Client. Instance=SBSMONITORING. VD=Global\\\\{A1B2C3D4-0000-0000-0000-000000000001}1_SQLVDIMemoryName_0.")
			bytes += 420
		}
	}'
}

# grow OUT FORMAT: the seed repeated up to SIZE_MB.
grow() {
	seed "$2" >"$out/seed" || die "awk failed"
	: >"$1.tmp"
	n=0
	while [ "$n" -lt "$size" ]; do
		cat "$out/seed" >>"$1.tmp"
		n=$((n + 1))
	done
	mv "$1.tmp" "$1"
}

# timed OUT COMMAND...: prints "seconds peakKiB"; output to OUT.
timed() {
	to=$1
	shift
	/usr/bin/time -o "$out/ttime" -f "%e %M" "$@" >"$to" 2>"$to.err"
	tail -1 "$out/ttime"
}

[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed"
for fmt in text xml; do
	file=$out/triage-$size.$fmt
	[ -f "$file" ] || { echo "# making $file ($size MB)"; grow "$file" "$fmt"; }
	bytes=$(wc -c <"$file")
	: >"$out/tt"
	i=0
	while [ "$i" -lt "$runs" ]; do
		timed "$out/tpf.out" "$bin" --report --format=json --prefilter \
		    "$file" >>"$out/tt"
		i=$((i + 1))
	done
	pf=$(sort -n "$out/tt" | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
	full=$(timed "$out/tfull.out" "$bin" --report --format=json "$file")
	echo "$fmt $bytes $pf $full" | awk '{
	    mb = $2 / 1048576
	    printf "%s export, %.0f MB:\n", $1, mb
	    printf "  --prefilter     %7.2f s  %6.0f MB/s  peak RSS %.1f MiB (median of '"$runs"')\n", $3, mb / $3, $4 / 1024
	    printf "  every event     %7.2f s  %6.0f MB/s  peak RSS %.1f MiB\n", $5, mb / $5, $6 / 1024
	    printf "  speed-up %.1fx (target: >= 1 GB/s with --prefilter)\n", $5 / $3 }'
	# Codes in the events passed over go unseen: compare the rest.
	for l in tpf tfull; do
		[ -s "$out/$l.out" ] || die "the report wrote nothing ($l)"
		sed -e '/^  "inputs"/,/^  \],*$/d' -e '/^  "codes"/,/^  \],*$/d' \
		    "$out/$l.out" >"$out/$l.rest"
	done
	if cmp -s "$out/tpf.rest" "$out/tfull.rest"; then
		echo "  findings, walk and verdict agree with and without the prefilter"
	else
		echo "  WARNING: the reports with and without the prefilter differ"
	fi
	grep -o '[0-9]* events skipped' "$out/tpf.out" | sed 's/^/  /'
	rm -f "$file"
done

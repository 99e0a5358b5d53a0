#!/bin/sh
# evtx-roundtrip.sh -- .evtx files written by tests/evtxgen from a
# description, read back by --dump: insertion strings, named values,
# escapes, header flags, damaged records and many chunks.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

gen=$VS_BUILDDIR/tests/evtxgen
[ -x "$gen" ] || skip_all "tests/evtxgen is not built"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

clean_stderr() {
	! grep -q -e 'Sanitizer' -e 'runtime error' "$1"
}
has() {	# has FILE TEXT DESCRIPTION: the fixed text is in the file
	grep -qF -- "$2" "$1"
	ok $? "$3"
	grep -qF -- "$2" "$1" || diag "wanted: $2"
}

cat >"$tmp/a.evd" <<'EVD'
file dirty
defaults
  computer SRV01.contoso.local
  qualifiers 0
  level error
event
  provider SQLVDI
  id 1
  time 2024-03-14T23:02:17.123Z
  data SQLVDI: Loc=SignalAbort. Instance=SBSMONITORING.
  data esc\x1b[31mred\x1b[0m tab\there nl\nline "quoted" back\\slash <a&b> caf\xc3\xa9
event
  provider VSS
  id 8193
  sid S-1-5-18
  named Instance SBS&MONITORING <x> "q"
  named hr 0x80042409
  data unnamed
  named Empty
  binary 2D20436F6465
event
  provider Microsoft-Windows-Backup
  channel Microsoft-Windows-Backup
  id 521
  level warning
  userdata HRESULT 0x80042306
  userdata Volume C:
EVD
"$gen" "$tmp/a.evd" "$tmp/a.evtx" || skip_all "evtxgen cannot write the file"
"$VSSTRIAGE" --dump --format=jsonl "$tmp/a.evtx" >"$tmp/a.json" 2>"$tmp/a.err"
rc=$?
ok $([ $rc -eq 0 ]; echo $?) "a dirty but whole file: exit 0 (got $rc)"
ok $([ "$(wc -l <"$tmp/a.json")" -eq 3 ]; echo $?) "three records"
has "$tmp/a.err" "the log was not closed cleanly (dirty)" "the dirty flag is said"
has "$tmp/a.json" '"record":1,"recovered":false,"time":"2024-03-14T23:02:17.123000Z","tz":"utc","kind":"event","channel":"Application","provider":"SQLVDI","id":1,"qualifiers":0,"level":2,"computer":"SRV01.contoso.local","user":null,' \
    "number, time, channel, provider, id, qualifiers, level, computer"
has "$tmp/a.json" '"strings":["SQLVDI: Loc=SignalAbort. Instance=SBSMONITORING.","esc\u001b[31mred\u001b[0m tab\there nl\nline \"quoted\" back\\slash <a&b> café"],"fields":{}' \
    "insertion strings in order, escaped for JSON; unnamed Data are no fields"
has "$tmp/a.json" '"user":"S-1-5-18","strings":["SBS&MONITORING <x> \"q\"","0x80042409","unnamed","","2D20436F6465"],"fields":{"Instance":"SBS&MONITORING <x> \"q\"","hr":"0x80042409","Empty":"","Binary":"2D20436F6465"}' \
    "named values, XML entities decoded, empty value, binary data"
has "$tmp/a.json" '"channel":"Microsoft-Windows-Backup","provider":"Microsoft-Windows-Backup","id":521,"qualifiers":0,"level":3' \
    "another channel and level"
has "$tmp/a.json" '"fields":{"HRESULT":"0x80042306","Volume":"C:"}' "UserData values by name"
clean_stderr "$tmp/a.err"
ok $? "no sanitizer report"

"$VSSTRIAGE" --dump "$tmp/a.evtx" >"$tmp/a.txt" 2>/dev/null
esc=$(printf '\033')
! grep -q "$esc" "$tmp/a.txt"
ok $? "text output holds no escape character"
has "$tmp/a.txt" 'esc^[[31mred^[[0m tab here nl line' "escape shown as ^[, newline and tab as spaces"
ok $([ "$(wc -l <"$tmp/a.txt")" -eq 3 ]; echo $?) "text: one line a record"

# Many records over several chunks.
awk 'BEGIN {
	print "defaults"
	print "  provider VSS"
	for (i = 1; i <= 1500; i++) {
		print "event"
		printf "  id %d\n", 8000 + i % 300
		printf "  named Writer SqlServerWriter-%d\n", i
		printf "  named Detail long enough text, number %d, to fill chunks\n", i
	}
}' >"$tmp/m.evd"
"$gen" "$tmp/m.evd" "$tmp/m.evtx"
chunks=$(( ($(wc -c <"$tmp/m.evtx") - 4096) / 65536 ))
VSSTRIAGE_EVTX_WORKERS=1 "$VSSTRIAGE" --dump --format=jsonl "$tmp/m.evtx" \
    >"$tmp/m1" 2>"$tmp/m1.err"
sed 's/.*"record":\([0-9]*\),.*"Writer":"SqlServerWriter-\([0-9]*\)".*/\1 \2/' \
    "$tmp/m1" >"$tmp/m1.nums"
awk 'BEGIN { for (i = 1; i <= 1500; i++) print i, i }' >"$tmp/want"
cmp -s "$tmp/m1.nums" "$tmp/want"
ok $? "$chunks chunks: records 1-1500 in order, each with its own values"
VSSTRIAGE_EVTX_WORKERS=2 "$VSSTRIAGE" --dump --format=jsonl "$tmp/m.evtx" \
    >"$tmp/m2" 2>"$tmp/m2.err"
cmp -s "$tmp/m1" "$tmp/m2"
ok $? "two processes: the same records in the same order"
clean_stderr "$tmp/m2.err"
ok $? "two processes: no sanitizer report"

# A damaged record in the middle: the rest is read, the loss said.
"$gen" --corrupt-record 700 "$tmp/m.evd" "$tmp/c.evtx"
"$VSSTRIAGE" --dump --format=jsonl "$tmp/c.evtx" >"$tmp/c" 2>"$tmp/c.err"
rc=$?
ok $([ $rc -eq 2 ]; echo $?) "bad record: exit 2 (got $rc)"
ok $([ "$(wc -l <"$tmp/c")" -eq 1499 ]; echo $?) "bad record: the other 1499 read"
grep -q '"record":1500,' "$tmp/c" && grep -q '"record":701,' "$tmp/c" &&
    ! grep -q '"record":700,' "$tmp/c"
ok $? "bad record: records after it are there"
has "$tmp/c.err" "record 700: " "bad record: its number and libevtx's reason"
has "$tmp/c.err" "1499 records, 1 could not be read" "bad record: counted"

# A record whose size is wrong: libevtx leaves records out of its index.
"$gen" --bad-size 300 "$tmp/m.evd" "$tmp/s.evtx"
"$VSSTRIAGE" --dump --format=jsonl "$tmp/s.evtx" >"$tmp/s" 2>"$tmp/s.err"
rc=$?
ok $([ $rc -eq 2 ]; echo $?) "bad size: exit 2 (got $rc)"
has "$tmp/s.err" "record 300: damaged" "bad size: the record is named"
grep -q '"record":1500,' "$tmp/s" && grep -q '"record":299,' "$tmp/s"
ok $? "bad size: the records around it are read"
clean_stderr "$tmp/s.err"
ok $? "bad size: no sanitizer report"

# A chunk whose checksum is wrong: read, and said to be corrupted.
"$gen" --bad-chunk-crc 1 "$tmp/m.evd" "$tmp/k.evtx"
"$VSSTRIAGE" --dump --format=jsonl "$tmp/k.evtx" >"$tmp/k" 2>"$tmp/k.err"
ok $([ "$(wc -l <"$tmp/k")" -eq 1500 ]; echo $?) "bad chunk CRC: every record read"
has "$tmp/k.err" "corrupted" "bad chunk CRC: corruption reported"
finish

#!/bin/sh
# vsstriage --report from the command line: exit codes, messages, every
# format well formed on good and bad inputs, and on the real .evtx corpus
# when it is there.
. "${VS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

fx=$VS_SRCDIR/tests/fixtures/report
check=$VS_BUILDDIR/tests/report-check
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vs-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# run ARGS...: the report in $tmp/out, messages in $tmp/err, exit in $rc.
run() {
	rc=0
	(cd "$fx" && "$VSSTRIAGE" --report "$@") >"$tmp/out" 2>"$tmp/err" ||
	    rc=$?
}

# wellformed NAME: every format of the last inputs is well formed.
wellformed() {
	name=$1
	shift
	for f in text markdown json; do
		r=0
		(cd "$fx" && "$VSSTRIAGE" --report --format=$f "$@") \
		    >"$tmp/wf" 2>/dev/null || r=$?
		case $f in
		text) "$check" text 80 "$tmp/wf" 2>"$tmp/wf.err" ;;
		markdown) "$check" text 100000 "$tmp/wf" 2>"$tmp/wf.err" ;;
		json) "$check" json "$tmp/wf" 2>"$tmp/wf.err" ;;
		esac
		c=$?
		[ $c -eq 0 ] || diag "$(head -5 "$tmp/wf.err")"
		[ $r -le 2 ] || c=1
		ok $c "$name: $f is well formed (exit $r)"
	done
}

# Answers files.
run --answers answers-bad.txt Application.txt
ok $([ $rc -eq 1 ] && echo 0 || echo 1) "a bad answers file is a usage error (exit $rc)"
grep -q '^vsstriage: answers-bad.txt:2: expected "node-id = choice"' "$tmp/err"
ok $? "the message names the file and line"
ok $([ -s "$tmp/out" ] && echo 1 || echo 0) "and no report is written"

run --answers no-such-answers.txt Application.txt
ok $([ $rc -eq 1 ] && echo 0 || echo 1) "a missing answers file is a usage error"
grep -q 'no-such-answers.txt: No such file' "$tmp/err"
ok $? "saying which file"

run --answers answers-unknown.txt Application.txt writers.txt
ok $rc "an answer for an unknown question is not fatal"
grep -q 'warning: answers-unknown.txt:1: no-such-question was not asked' \
    "$tmp/err"
ok $? "but it is warned about"
grep -q '^Open question$' "$tmp/out"
ok $? "and the question stays open in the report"

printf 'triage = writer-errors\nsql-instance-known = no\n' >"$tmp/ans.txt"
run --answers "$tmp/ans.txt" Application.txt writers.txt
ok $rc "answers against the evidence"
grep -q 'triage = writer-errors (by the operator, overriding the evidence)' \
    "$tmp/out"
ok $? "an answer against the evidence is shown as an override"
printf 'triage = sql-writer\nsql-instance-known = no\n' >"$tmp/ans.txt"
run --answers "$tmp/ans.txt" Application.txt writers.txt
grep -q 'ans.txt:2: sql-instance-known = no was not used: the logs gave yes' \
    "$tmp/err"
ok $? "an answer to a check the logs decide is warned about"

printf 'sql-stop-instance = yes\n' >"$tmp/ans.txt"
rc=0
(cd "$fx" && "$VSSTRIAGE" --report --answers - Application.txt \
    <"$tmp/ans.txt") >"$tmp/out" 2>"$tmp/err" || rc=$?
ok $rc "--answers - reads standard input"
grep -q '^  The SQL Server instance PAYROLL makes' "$tmp/out"
ok $? "and its answer leads to the verdict"
rc=0
(cd "$fx" && "$VSSTRIAGE" --report --answers - - <"$tmp/ans.txt") \
    >"$tmp/out" 2>"$tmp/err" || rc=$?
ok $([ $rc -eq 1 ] && echo 0 || echo 1) "--answers - with the input - is a usage error"

# Inputs that cannot be read.
run storage.txt no-such-file.evtx
ok $([ $rc -eq 2 ] && echo 0 || echo 1) "an unreadable input exits 2 (exit $rc)"
grep -q '^vsstriage: no-such-file.evtx: No such file or directory$' "$tmp/err"
ok $? "the message names the input and the problem"
grep -q 'no-such-file.evtx: could not be read: No such file' "$tmp/out"
ok $? "the report lists it too"
grep -q '^storage.txt\|^  storage.txt' "$tmp/out"
ok $? "and still reports on the input that was read"

run no-such-file.evtx
ok $([ $rc -eq 2 ] && echo 0 || echo 1) "nothing readable: exit 2"
grep -q '^Codes seen$' "$tmp/out"
ok $? "a report is still written"

: >"$tmp/empty.txt"
run "$tmp/empty.txt"
ok $([ $rc -eq 2 ] && echo 0 || echo 1) "an empty file exits 2"
grep -q 'empty.txt: the file is empty' "$tmp/err"
ok $? "saying it is empty"

run --kb "$tmp/no-kb" Application.txt
ok $([ $rc -eq 2 ] && echo 0 || echo 1) "a missing KB exits 2 (exit $rc)"
grep -q 'no-kb' "$tmp/err"
ok $? "naming the folder"

# Standard input.
rc=0
(cd "$fx" && "$VSSTRIAGE" --report --format=json - <Application.txt) \
    >"$tmp/out" 2>"$tmp/err" || rc=$?
ok $rc "- reads standard input"
grep -q '"name": "-"' "$tmp/out"
ok $? "and names it -"

# Well formed whatever comes in.
wellformed "fixtures" Application.txt writers.txt storage.txt
wellformed "redacted" --redact Application.txt writers.txt storage.txt
head -c 20000 /dev/urandom >"$tmp/random.bin" 2>/dev/null ||
    dd if=/dev/urandom of="$tmp/random.bin" bs=1000 count=20 2>/dev/null
wellformed "random bytes" "$tmp/random.bin"
awk 'BEGIN { for (i = 0; i < 300; i++) printf "x"; printf "\n";
    printf "Event 8193 hr = 0x80070005 \033[31m\033]0;t\007 %c%c\n", 194, 155 }' \
    >"$tmp/long.txt"
wellformed "long lines and escapes" "$tmp/long.txt"
# A file name is text from outside too.
bad=$(printf '%s/x\033]0;t\007y' "$tmp")
cp "$fx/storage.txt" "$bad"
wellformed "a name with escapes" "$bad" "$bad.missing"
"$VSSTRIAGE" --report "$bad.missing" 2>&1 >/dev/null | "$check" text 1000
ok $? "the message about it has no control characters"

# The JSON contract's keys, on a report with findings.
(cd "$fx" && "$VSSTRIAGE" --report --format=json --answers answers-yes.txt \
    Application.txt writers.txt) 2>/dev/null | "$check" json -p >"$tmp/paths"
for p in 'inputs\[\]\.name string' 'inputs\[\]\.format string' \
    'inputs\[\]\.records number' 'inputs\[\]\.errors number' \
    'findings\[\]\.tree string' 'findings\[\]\.status string' \
    'findings\[\]\.score number' 'findings\[\]\.facts object' \
    'findings\[\]\.evidence\[\]\.input string' \
    'findings\[\]\.evidence\[\]\.locator string' \
    'findings\[\]\.evidence\[\]\.time string' \
    'findings\[\]\.evidence\[\]\.text string' \
    'codes\[\]\.hresult string' 'codes\[\]\.name string' \
    'codes\[\]\.meaning string' 'walk\[\]\.node string' \
    'walk\[\]\.question string' 'walk\[\]\.answer string' \
    'walk\[\]\.by string' 'verdict\.id string' 'verdict\.title string' \
    'verdict\.steps\[\] string'; do
	grep -q "^$p\$" "$tmp/paths"
	ok $? "JSON has $(echo "$p" | tr -d '\\')"
done

# The real .evtx corpus: well formed, and redaction hides every computer
# name the logs hold.
corpus=$VS_SHARED/corpus/evtx
# A few with VSS events, a dirty one and a truncated one: each run reads
# them all, so the list stays short.
set -- \
    "$corpus/tugix456-randaodcxjj__Microsoft-Windows-VolumeSnapshot-Driver%4Operational.evtx" \
    "$corpus/Menna-Islam-Zeus__System.evtx" \
    "$corpus/log2timeline-plaso__System2.evtx"
if [ -f "$1" ]; then
	wellformed "corpus" "$@"
	"$VSSTRIAGE" --dump --format=jsonl "$@" 2>/dev/null |
	    grep -o '"computer": *"[^"]*"' | sed 's/.*: *"//; s/"$//' |
	    sort -u >"$tmp/computers"
	"$VSSTRIAGE" --report --redact "$@" >"$tmp/red.txt" 2>/dev/null
	"$VSSTRIAGE" --report --redact --format=json "$@" >"$tmp/red.json" \
	    2>/dev/null
	leaks=0
	while read -r c; do
		host=${c%%.*}
		[ ${#host} -ge 2 ] || continue
		if grep -qiw -- "$host" "$tmp/red.txt" "$tmp/red.json"; then
			diag "leaks $host"
			leaks=1
		fi
	done <"$tmp/computers"
	if [ -s "$tmp/computers" ]; then
		ok $leaks "corpus: no computer name in a redacted report"
	else
		skip "corpus: redaction of computer names" "--dump gave none"
	fi
else
	skip "corpus" "no corpus at $corpus"
fi

finish

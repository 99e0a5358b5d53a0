#!/bin/sh
# evtx-corpus.sh -- every real .evtx of the shared corpus: no crash, no
# leak (under ASan), and at least the records evtxexport writes, with
# the same record number, event id, provider and written time; and the
# channel and named values taken from a template's first record are
# those the XML of each record gives.
. "${VS_SRCDIR:-$(dirname "$0")/..}/tests/lib.sh"

corpus=$VS_SHARED/corpus/evtx
[ -d "$corpus" ] || skip_all "no corpus at $corpus"
: "${EVTXEXPORT:=$(command -v evtxexport)}"
[ -n "$EVTXEXPORT" ] && [ -x "$EVTXEXPORT" ] || skip_all "evtxexport not found"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# "number<TAB>id<TAB>provider<TAB>time" lines from evtxexport's text.
theirs() {
	"$EVTXEXPORT" -m all "$1" 2>/dev/null | awk -F'\t+: ' '
	function flush() {
		if (n != "")
			printf "%s\t%s\t%s\t%s\n", n, id, src, t
		n = ""; id = ""; src = ""; t = ""
	}
	BEGIN {
		split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", m, " ")
		for (i = 1; i <= 12; i++)
			mon[m[i]] = sprintf("%02d", i)
	}
	/^Event number/ { flush(); n = $2 }
	/^Event identifier/ { sub(/.*\(/, "", $2); sub(/\).*/, "", $2); id = $2 }
	/^Source name/ { src = $2 }
	/^Written time/ {
		# "May 11, 2023 05:57:12.995392500 UTC"
		split($2, w, /[ ,]+/)
		t = sprintf("%s-%s-%02dT%s", w[3], mon[w[1]], w[2],
		    substr(w[4], 1, 15)) "Z"
		if (w[3] == "1601")
			t = ""		# FILETIME 0: no time
	}
	END { flush() }'
}

# The same from our JSON lines.
ours() {
	awk '
	function val(key,   s) {
		if (match($0, "\"" key "\":(\"([^\"\\\\]|\\\\.)*\"|[0-9]+|null)")) {
			s = substr($0, RSTART + length(key) + 3, RLENGTH - length(key) - 3)
			gsub(/^"|"$/, "", s)
			return s == "null" ? "" : s
		}
		return ""
	}
	{ printf "%s\t%s\t%s\t%s\n", val("record"), val("id"), val("provider"), val("time") }' "$1"
}

for f in "$corpus"/*.evtx; do
	name=$(basename "$f")
	# VSSTRIAGE_EVTX_VERIFY: every record whose channel and names come
	# from the template cache is read through its XML too, and compared.
	VSSTRIAGE_EVTX_VERIFY=1 "$VSSTRIAGE" --dump --format=jsonl "$f" \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
		ok 1 "$name: exit $rc"
		diag "$(head -5 "$tmp/err")"
		continue
	fi
	if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
	    -e 'runtime error' "$tmp/err"; then
		ok 1 "$name: sanitizer report"
		diag "$(head -20 "$tmp/err")"
		continue
	fi
	if grep -q 'template cache differs' "$tmp/err"; then
		ok 1 "$name: the template cache differs from the XML"
		diag "$(grep 'template cache differs' "$tmp/err" | head -3)"
		continue
	fi
	theirs "$f" >"$tmp/theirs"
	ours "$tmp/out" >"$tmp/ours"
	# Every evtxexport record must be among ours, field for field; where
	# evtxexport gave up on a (recovered) record, only what it wrote.
	awk -F'\t' '
	NR == FNR { have[$1 "\t" $4] = have[$1 "\t" $4] "|" $2 "\t" $3 "|"; n++; next }
	{
		t++
		k = $1 "\t" $4
		if (!(k in have)) { bad++; if (bad <= 3) print "# missing: " $0; next }
		if ($2 == "" && $3 == "") next
		if (index(have[k], "|" $2 "\t" $3 "|") == 0) {
			bad++
			if (bad <= 3) print "# differs: " $0 " / ours: " have[k]
		}
	}
	END {
		printf "%d %d %d\n", n, t, bad
	}' "$tmp/ours" "$tmp/theirs" >"$tmp/cmp"
	set -- $(tail -1 "$tmp/cmp")
	if [ "$3" -eq 0 ] && [ "$1" -ge "$2" ]; then
		ok 0 "$name: $1 records ($2 from evtxexport)"
	else
		ok 1 "$name: $1 records, evtxexport $2, $3 differ or missing"
		grep '^#' "$tmp/cmp"
	fi
done
finish

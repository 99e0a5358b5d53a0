/* Unit tests of the .evtx module's own parts: the reading of the XML
 * libevtx renders, times and the signature check. */
#include "config.h"
#include <string.h>
#include "evtx.h"
#include "ingest.h"
#include "record.h"
#include "tap.h"

static const char xml_system[] =
"<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
"  <System>\n"
"    <Provider Name=\"VSS\"/>\n"
"    <EventID Qualifiers=\"0\">8193</EventID>\n"
"    <Level>2</Level>\n"
"    <TimeCreated SystemTime=\"2024-03-14T23:02:17.123456700Z\"/>\n"
"    <EventRecordID>1234</EventRecordID>\n"
"    <Channel>Application</Channel>\n"
"    <Computer>SRV01.example.org</Computer>\n"
"    <Security/>\n"
"  </System>\n"
"  <EventData>\n"
"    <Data>Volume Shadow Copy Service error</Data>\n"
"    <Data Name=\"Instance\">SBS&amp;MONITORING &lt;x&gt; &quot;q&quot; &#65;&#x263A;</Data>\n"
"    <Data Name=\"Empty\"/>\n"
"    <Data Name=\"hr\">0x80042409</Data>\n"
"    <Binary>2D20436F64653A</Binary>\n"
"  </EventData>\n"
"</Event>\n";

static const char xml_userdata[] =
"<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
"  <System>\n"
"    <Channel>Microsoft-Windows-Backup</Channel>\n"
"  </System>\n"
"  <UserData>\n"
"    <BackupFailure xmlns=\"urn:x\">\n"
"      <HRESULT>0x80042306</HRESULT>\n"
"      <Nested><Volume>C:</Volume></Nested>\n"
"    </BackupFailure>\n"
"  </UserData>\n"
"  <RenderingInfo Culture=\"en-US\">\n"
"    <Message>The backup failed.</Message>\n"
"    <Level>Error</Level>\n"
"  </RenderingInfo>\n"
"</Event>\n";

static const char *
field(const struct vs_record *r, const char *name)
{
	return record_field(r, name);
}

int
main(void)
{
	struct record_builder b;

	record_builder_init(&b);

	record_builder_reset(&b, VS_KIND_EVENT, 0);
	is_int(evtx_parse_xml(&b, xml_system, strlen(xml_system)), 0,
	    "EventData XML reads");
	is_str(b.rec.channel, "Application", "channel from System");
	is_int(b.rec.nfields, 4, "named Data and Binary become fields, "
	    "unnamed Data does not");
	is_str(field(&b.rec, "Instance"),
	    "SBS&MONITORING <x> \"q\" A\xe2\x98\xba", "entities decoded");
	is_str(field(&b.rec, "Empty"), "", "empty Data is an empty field");
	is_str(field(&b.rec, "hr"), "0x80042409", "plain value");
	is_str(field(&b.rec, "Binary"), "2D20436F64653A", "binary data kept");
	is_str(field(&b.rec, "Computer"), NULL, "System leaves are no fields");
	ok(b.rec.nfields > 0 && strcmp(b.rec.fields[0].name, "Instance") == 0,
	    "fields in document order");

	record_builder_reset(&b, VS_KIND_EVENT, 0);
	is_int(evtx_parse_xml(&b, xml_userdata, strlen(xml_userdata)), 0,
	    "UserData XML reads");
	is_str(b.rec.channel, "Microsoft-Windows-Backup", "channel");
	is_str(field(&b.rec, "HRESULT"), "0x80042306", "UserData leaf");
	is_str(field(&b.rec, "Volume"), "C:", "nested UserData leaf");
	is_str(field(&b.rec, "BackupFailure"), NULL,
	    "elements with children are no fields");
	is_str(b.rec.message, "The backup failed.", "RenderingInfo message");
	is_str(field(&b.rec, "Level"), NULL, "other RenderingInfo kept out");

	/* Damaged XML: what came before the fault stays, no crash. */
	static const char bad1[] = "<Event><System><Channel>Sys</Channel>"
	    "</System><EventData><Data Name=\"a\">1</Dat></EventData>";
	record_builder_reset(&b, VS_KIND_EVENT, 0);
	is_int(evtx_parse_xml(&b, bad1, strlen(bad1)), -1,
	    "mismatched close tag is an error");
	is_str(b.rec.channel, "Sys", "channel read before the fault");
	static const char bad2[] = "<Event><System><Chan";
	record_builder_reset(&b, VS_KIND_EVENT, 0);
	is_int(evtx_parse_xml(&b, bad2, strlen(bad2)), -1, "cut-off tag");
	static const char bad3[] = "</Event><<>";
	record_builder_reset(&b, VS_KIND_EVENT, 0);
	is_int(evtx_parse_xml(&b, bad3, strlen(bad3)), -1, "stray close");
	static const char odd[] = "<Event><EventData><Data Name=\"x\">a &bogus; "
	    "&#xZZ; & b</Data></EventData></Event>";
	record_builder_reset(&b, VS_KIND_EVENT, 0);
	is_int(evtx_parse_xml(&b, odd, strlen(odd)), 0, "odd entities read");
	is_str(field(&b.rec, "x"), "a &bogus; &#xZZ; & b",
	    "unknown entities kept as they are");
	/* Deeper than the parser tracks: no overflow. */
	char deep[64 * 7 + 64];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(deep + n, sizeof deep - n, "<a>");
	record_builder_reset(&b, VS_KIND_EVENT, 0);
	(void)evtx_parse_xml(&b, deep, n);
	ok(1, "deep nesting survives");

	/* 2024-03-14T23:02:17.123456Z */
	int64_t want = record_make_time(2024, 3, 14, 23, 2, 17, 123456);
	is_int(evtx_filetime_to_usec(UINT64_C(133549309371234567)), want,
	    "FILETIME to microseconds since 1970");
	is_int(evtx_filetime_to_usec(0), VS_NO_TIME, "FILETIME 0 is no time");
	is_int(evtx_filetime_to_usec(UINT64_C(116444736000000000)), 0,
	    "1970-01-01");

	ok(evtx_has_signature((const unsigned char *)"ElfFile\0xx", 10),
	    "signature found");
	ok(!evtx_has_signature((const unsigned char *)"ElfFile", 7),
	    "short input has none");
	ok(!evtx_has_signature((const unsigned char *)"ElfFilX\0", 8),
	    "wrong bytes have none");

	record_builder_free(&b);
	return done_testing();
}

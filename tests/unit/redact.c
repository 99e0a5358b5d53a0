/* Unit tests of --redact: every kind of name, the same pseudonym for the
 * same name, and nothing else touched. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "redact.h"
#include "tap.h"

/* Redacts s with r and compares. */
static void
check(struct redact *r, const char *s, const char *want, const char *what)
{
	char *got = redact_string(r, s);
	is_str(got, want, "%s", what);
	free(got);
}

static void
test_learned_computer(void)
{
	struct redact *r = redact_create();

	redact_learn_computer(r, "CONTOSOSERVER.contoso.local");
	check(r, "Computer: CONTOSOSERVER.contoso.local",
	    "Computer: HOST-1.DOMAIN-1", "a learned FQDN");
	check(r, "contososerver failed; see \\\\CONTOSOSERVER\\logs",
	    "HOST-1 failed; see \\\\HOST-1\\logs",
	    "the host word anywhere, any case, UNC too");
	check(r, "CONTOSOSERVER-Application.evtx",
	    "HOST-1-Application.evtx", "a host name inside a file name");
	check(r, "CONTOSOSERVERS and XCONTOSOSERVER stay",
	    "CONTOSOSERVERS and XCONTOSOSERVER stay",
	    "only whole words are a host");
	check(r, "CONTOSO\\jdoe logged on", "DOMAIN-1\\USER-1 logged on",
	    "the NetBIOS name of a learned domain is the same domain");
	check(r, "jdoe@contoso.local", "USER-1@DOMAIN-1",
	    "a UPN: the same user and domain again");
	check(r, "server contoso.local.", "server DOMAIN-1.",
	    "a domain at the end of a sentence keeps its full stop");
	redact_learn_computer(r, "SRV02");
	check(r, "SRV02 and CONTOSOSERVER", "HOST-2 and HOST-1",
	    "a NetBIOS computer name gets the next number");
	check(r, "CONTOSOSERVER$ in CONTOSO\\CONTOSOSERVER$",
	    "HOST-1$ in DOMAIN-1\\HOST-1$", "a computer account");
	redact_free(r);
}

static void
test_accounts(void)
{
	struct redact *r = redact_create();

	check(r, "User: FABRIKAM\\alice.smith (FABRIKAM\\bob)",
	    "User: DOMAIN-1\\USER-1 (DOMAIN-1\\USER-2)", "DOMAIN\\user");
	check(r, "FABRIKAM\\Alice.Smith", "DOMAIN-1\\USER-1",
	    "users are the same ignoring case");
	check(r, "NT AUTHORITY\\SYSTEM, BUILTIN\\Administrators, "
	    "NT SERVICE\\SQLWriter",
	    "NT AUTHORITY\\SYSTEM, BUILTIN\\Administrators, "
	    "NT SERVICE\\SQLWriter", "built-in accounts stay");
	check(r, "FABRIKAM\\Administrator", "DOMAIN-1\\Administrator",
	    "a built-in user of a domain keeps its name");
	check(r, "C:\\Windows\\system32\\vssvc.exe and logs\\vss.log",
	    "C:\\Windows\\system32\\vssvc.exe and logs\\vss.log",
	    "paths are not accounts");
	check(r, "C:\\Users\\carol\\AppData and C:\\Users\\Public",
	    "C:\\Users\\USER-3\\AppData and C:\\Users\\Public",
	    "a profile folder names its user");
	check(r, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS",
	    "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS",
	    "registry keys stay");
	check(r, "VD=Global\\{DF1DD65F-F8AD-4946-A764-F62166C541E2}10_SQLVDIMemoryName_0",
	    "VD=Global\\{DF1DD65F-F8AD-4946-A764-F62166C541E2}10_SQLVDIMemoryName_0",
	    "a SQLVDI device name stays");
	check(r, "mail dave@fabrikam.com", "mail USER-4@DOMAIN-2",
	    "a mail address");
	redact_free(r);

	r = redact_create();
	redact_learn_computer(r, "FS02.corp.fabrikam.com");
	check(r, "CORP\\ann FABRIKAM\\ann fs02.corp.fabrikam.com",
	    "DOMAIN-1\\USER-1 DOMAIN-1\\USER-1 HOST-1.DOMAIN-1",
	    "each label of a learned domain but the last names it");
	redact_free(r);

	r = redact_create();
	redact_learn_computer(r, "BK01.ad.northwind.example");
	check(r, "BK01.ad.northwind.example and mail.ad.northwind.example",
	    "HOST-1.DOMAIN-1 and HOST-2.DOMAIN-1",
	    "a learned domain under any suffix");
	check(r, "the Northwind domain, northwind.example, AD and Corp.",
	    "the DOMAIN-1 domain, DOMAIN-2, AD and Corp.",
	    "a telling label is a word to replace; short ones are not");
	redact_free(r);

	r = redact_create();
	redact_learn_computer(r, "SQL01.fabrikam.com");
	redact_keep(r, "SQLEXPRESS");
	check(r, "SQL01\\SQLEXPRESS and SQL01\\eve",
	    "HOST-1\\SQLEXPRESS and HOST-1\\USER-1",
	    "a kept SQL instance after a computer name stays");
	redact_free(r);
}

static void
test_addresses(void)
{
	struct redact *r = redact_create();

	check(r, "from 192.168.10.25 to 10.0.0.1:3260 and 192.168.10.25.",
	    "from IP-1 to IP-2:3260 and IP-1.", "IPv4, with a port, again");
	check(r, "loopback 127.0.0.1 and 0.0.0.0", "loopback 127.0.0.1 and 0.0.0.0",
	    "loopback and any-address stay");
	check(r, "v6 fe80::1c2d:3e4f:5a6b:7c8d%12 and [2001:db8::7]:445",
	    "v6 IP-3%12 and [IP-4]:445", "IPv6 with a zone, in brackets");
	check(r, "2001:0db8:0000:0000:0000:ff00:0042:8329 and ::ffff:10.0.0.1",
	    "IP-5 and IP-6", "full IPv6 and IPv4-mapped");
	check(r, "fe80:: and ::1 and ::", "IP-7 and ::1 and ::",
	    "a trailing :: is part of the address; ::1 and :: stay");
	check(r, "at 23:02:17.123456Z ICommandText::Execute 00:11:22:33:44:55",
	    "at 23:02:17.123456Z ICommandText::Execute 00:11:22:33:44:55",
	    "times, C++ names and MAC addresses are not IPv6");
	check(r, "Version: 1.0.0.7", "Version: 1.0.0.7",
	    "a four-part version after Version stays");
	check(r, "Wersja: 1.0.0.7", "Wersja: 1.0.0.7", "also in Polish");
	check(r, "10.0.17763.1 6.3.9600.16384 1.2.3.4.5 256.1.1.1",
	    "10.0.17763.1 6.3.9600.16384 1.2.3.4.5 256.1.1.1",
	    "versions and non-addresses stay");
	redact_free(r);
}

static void
test_sids(void)
{
	struct redact *r = redact_create();

	check(r, "S-1-5-21-1004336348-1177238915-682003330-512 and "
	    "S-1-5-21-1004336348-1177238915-682003330-1104",
	    "SID-1 and SID-2", "account SIDs");
	check(r, "(S-1-5-21-1004336348-1177238915-682003330-512)",
	    "(SID-1)", "the same SID again");
	check(r, "S-1-5-18 S-1-5-19 S-1-5-32-544 S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003",
	    "S-1-5-18 S-1-5-19 S-1-5-32-544 S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003",
	    "well-known and service SIDs stay");
	check(r, "S-1-5-21-12", "S-1-5-21-12", "a short S-1-5-21 is no account");
	redact_free(r);
}

static void
test_no_over_redaction(void)
{
	struct redact *r = redact_create();
	const char *keep[] = {
		"0x800423F4 VSS_E_WRITERERROR_NONRETRYABLE hr = 0x80040e14.",
		"{DF1DD65F-F8AD-4946-A764-F62166C541E2} "
		    "{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}",
		"SQLVDI: Loc=TriggerAbort. Desc=invoked. ErrorCode=(0). "
		    "Process=3720. Thread=9404. Server. Instance=SBSMonitoring.",
		"Microsoft-Windows-Backup 3.3.16544 sqlservr.exe "
		    "Microsoft.Exchange.Store.Worker",
		"Writer name: 'SqlServerWriter' State: [11] Failed",
		"go.microsoft.com/fwlink and ASP.NET and System.Net",
		"Error: 2155348129 at 2024-03-14T23:02:17Z",
		"e.g. i.e. a.m. vssapi.dll",
		"Nom de l'enregistreur : « SqlServerWriter » État : [1] Stable",
		"バージョン: 1.0.0.7",
		"",
	};
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		char *got = redact_string(r, keep[i]);
		is_str(got, keep[i], "unchanged: \"%.40s\"", keep[i]);
		free(got);
	}
	check(r, "contoso.com backup.de", "DOMAIN-1 DOMAIN-2",
	    "dotted names ending in a domain suffix are domains");
	check(r, "dc01.corp.fabrikam.com", "HOST-1.DOMAIN-3",
	    "an unknown FQDN of three labels: host and domain");

	/* Bytes that are not text pass through: redaction runs before the
	 * text is made safe for its output. */
	const char bin[] = "a\x01\xff" "10.1.2.3\x1b[31m\xe3\x81\xaf" "10.1.2.4";
	struct buf b;
	buf_init(&b);
	redact_add(r, &b, bin, sizeof bin - 1);
	is_str(buf_cstr(&b), "a\x01\xff" "IP-1\x1b[31m\xe3\x81\xaf" "IP-2",
	    "control and non-ASCII bytes pass, addresses next to them go");
	buf_free(&b);
	redact_free(r);
}

int
main(void)
{
	test_learned_computer();
	test_accounts();
	test_addresses();
	test_sids();
	test_no_over_redaction();
	return done_testing();
}

/*
 * tests/evtxgen-check.c -- read an .evtx file with libevtx and print
 * what it finds, one field a line, in the form `evtxgen --expect`
 * prints from the description. A round-trip test diffs the two.
 *
 * Fields libevtx 20181227 has no getter for (channel, creation time,
 * provider GUID, version, process and thread, task, opcode, keywords,
 * Data and UserData names) are taken from the record's XML as libevtx
 * renders it.
 *
 * Exit status: 0 all records read, 1 some record unreadable (the others
 * are still printed), 2 the file cannot be opened.
 *
 * --crc checks the file's CRC32s without libevtx instead, with a plain
 * bitwise CRC so that it does not share the writer's table code.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libevtx.h>

static void
put_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			printf("\\x%02x", (unsigned char)*s);
		else
			putchar(*s);
	}
}

static void
error_print(const char *what, libevtx_error_t **error)
{
	char	buf[1024];

	buf[0] = '\0';
	if (*error != NULL) {
		libevtx_error_sprint(*error, buf, sizeof buf);
		libevtx_error_free(error);
	}
	fprintf(stderr, "evtxgen-check: %s: %s\n", what, buf);
}

/* FILETIME as YYYY-MM-DDTHH:MM:SS.fffffffZ (days to civil date). */
static void
put_filetime(const char *label, uint64_t ft)
{
	int64_t		z, era, doe, yoe, doy, mp, y, m, d;
	uint64_t	secs = ft / 10000000 % 86400;

	z = (int64_t)(ft / 10000000 / 86400) - 134774 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	printf("%s %04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRIu64
	    ":%02" PRIu64 ":%02" PRIu64 ".%07" PRIu64 "Z\n", label, y, m, d,
	    secs / 3600, secs / 60 % 60, secs % 60, ft % 10000000);
}

/* Undo libevtx's XML escaping of text, in place. */
static void
xml_unescape(char *s)
{
	static const struct {
		const char	*ent;
		char		 c;
	} ents[] = {
		{ "&lt;", '<' }, { "&gt;", '>' }, { "&amp;", '&' },
		{ "&quot;", '"' }, { "&apos;", '\'' }
	};
	char	*out = s;
	size_t	 i, len;

	while (*s != '\0') {
		for (i = 0; i < sizeof ents / sizeof ents[0]; i++) {
			len = strlen(ents[i].ent);
			if (strncmp(s, ents[i].ent, len) == 0)
				break;
		}
		if (i < sizeof ents / sizeof ents[0]) {
			*out++ = ents[i].c;
			s += len;
		} else
			*out++ = *s++;
	}
	*out = '\0';
}

/* The text between <tag> and </tag>, or NULL. Caller frees. */
static char *
xml_element(const char *xml, const char *tag)
{
	char		 open[64], close[64], *v;
	const char	*p, *q;

	snprintf(open, sizeof open, "<%s>", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	if ((p = strstr(xml, open)) == NULL)
		return (NULL);
	p += strlen(open);
	if ((q = strstr(p, close)) == NULL)
		return (NULL);
	v = strndup(p, q - p);
	xml_unescape(v);
	return (v);
}

/* The value of attribute attr="..." in the first <tag ...>. */
static char *
xml_attribute(const char *xml, const char *tag, const char *attr)
{
	char		 open[64], name[64], *v;
	const char	*p, *end, *q;

	snprintf(open, sizeof open, "<%s ", tag);
	snprintf(name, sizeof name, " %s=\"", attr);
	if ((p = strstr(xml, open)) == NULL || (end = strchr(p, '>')) == NULL)
		return (NULL);
	if ((p = strstr(p, name)) == NULL || p > end)
		return (NULL);
	p += strlen(name);
	if ((q = strchr(p, '"')) == NULL)
		return (NULL);
	v = strndup(p, q - p);
	xml_unescape(v);
	return (v);
}

static void
print_xml_fields(const char *xml)
{
	const char	*p, *end;
	char		*v;
	size_t		 len;

	if ((v = xml_element(xml, "Channel")) != NULL) {
		printf("xml-channel ");
		put_text(v);
		printf("\n");
		free(v);
	}
	/* libevtx writes nanoseconds; FILETIME has 100 ns ticks. */
	if ((v = xml_attribute(xml, "TimeCreated", "SystemTime")) != NULL) {
		len = strlen(v);
		if (len == 30 && v[19] == '.' && v[29] == 'Z') {
			v[27] = 'Z';
			v[28] = '\0';
		}
		printf("xml-time %s\n", v);
		free(v);
	}
	if ((v = xml_element(xml, "EventRecordID")) != NULL) {
		printf("xml-record %s\n", v);
		free(v);
	}
	if ((v = xml_attribute(xml, "Provider", "Guid")) != NULL) {
		printf("xml-guid %s\n", v);
		free(v);
	}
	if ((v = xml_element(xml, "Version")) != NULL) {
		printf("xml-version %s\n", v);
		free(v);
	}
	if ((v = xml_attribute(xml, "Execution", "ProcessID")) != NULL) {
		printf("xml-pid %s\n", v);
		free(v);
	}
	if ((v = xml_attribute(xml, "Execution", "ThreadID")) != NULL) {
		printf("xml-tid %s\n", v);
		free(v);
	}
	if ((v = xml_element(xml, "Task")) != NULL) {
		printf("xml-task %s\n", v);
		free(v);
	}
	if ((v = xml_element(xml, "Opcode")) != NULL) {
		printf("xml-opcode %s\n", v);
		free(v);
	}
	if ((v = xml_element(xml, "Keywords")) != NULL) {
		printf("xml-keywords 0x%016llx\n", strtoull(v, NULL, 16));
		free(v);
	}
	for (p = xml; (p = strstr(p, "<Data Name=\"")) != NULL; p++) {
		p += strlen("<Data Name=\"");
		if ((end = strchr(p, '"')) == NULL)
			break;
		printf("xml-name %.*s\n", (int)(end - p), p);
	}
	/* Children of UserData/EventXML, by element name. */
	if ((p = strstr(xml, "<EventXML>")) != NULL &&
	    (end = strstr(p, "</EventXML>")) != NULL) {
		for (p += strlen("<EventXML>"); (p = strchr(p, '<')) != NULL &&
		    p < end; p++) {
			if (p[1] == '/')
				continue;
			len = strcspn(p + 1, " />");
			printf("xml-user %.*s\n", (int)len, p + 1);
			/* Skip to the element's end tag. */
			if ((p = strchr(p, '>')) == NULL)
				break;
			if (p[-1] != '/' && (p = strstr(p, "</")) == NULL)
				break;
		}
	}
}

static char *
get_string(libevtx_record_t *r, int i, libevtx_error_t **error)
{
	size_t	 size;
	char	*s;

	if (libevtx_record_get_utf8_string_size(r, i, &size, error) != 1)
		return (NULL);
	if ((s = malloc(size + 1)) == NULL)
		return (NULL);
	if (size == 0)
		s[0] = '\0';
	else if (libevtx_record_get_utf8_string(r, i, (uint8_t *)s, size,
	    error) != 1) {
		free(s);
		return (NULL);
	}
	return (s);
}

typedef int (*getter_size_cb)(libevtx_record_t *, size_t *,
    libevtx_error_t **);
typedef int (*getter_cb)(libevtx_record_t *, uint8_t *, size_t,
    libevtx_error_t **);

static void
print_named(libevtx_record_t *r, const char *label, getter_size_cb gs,
    getter_cb g)
{
	libevtx_error_t	*error = NULL;
	size_t		 size;
	char		*s;

	if (gs(r, &size, &error) != 1 || size == 0) {
		libevtx_error_free(&error);
		return;
	}
	if ((s = malloc(size)) == NULL)
		return;
	if (g(r, (uint8_t *)s, size, &error) == 1) {
		printf("%s ", label);
		put_text(s);
		printf("\n");
	} else
		libevtx_error_free(&error);
	free(s);
}

static int
print_record(libevtx_record_t *r)
{
	libevtx_error_t	*error = NULL;
	uint64_t	 id, ft;
	uint32_t	 eid, qual;
	uint8_t		 level;
	int		 n, i;
	size_t		 size;
	char		*s;

	if (libevtx_record_get_identifier(r, &id, &error) != 1 ||
	    libevtx_record_get_written_time(r, &ft, &error) != 1 ||
	    libevtx_record_get_event_identifier(r, &eid, &error) != 1 ||
	    libevtx_record_get_event_level(r, &level, &error) != 1) {
		error_print("record", &error);
		return (-1);
	}
	printf("record %" PRIu64 "\n", id);
	put_filetime("written", ft);
	printf("id %" PRIu32 "\n", eid);
	if (libevtx_record_get_event_identifier_qualifiers(r, &qual,
	    &error) == 1)
		printf("qualifiers %" PRIu32 "\n", qual);
	libevtx_error_free(&error);
	printf("level %u\n", level);
	print_named(r, "provider", libevtx_record_get_utf8_source_name_size,
	    libevtx_record_get_utf8_source_name);
	print_named(r, "computer", libevtx_record_get_utf8_computer_name_size,
	    libevtx_record_get_utf8_computer_name);
	print_named(r, "sid",
	    libevtx_record_get_utf8_user_security_identifier_size,
	    libevtx_record_get_utf8_user_security_identifier);

	if (libevtx_record_get_number_of_strings(r, &n, &error) != 1) {
		error_print("strings", &error);
		return (-1);
	}
	printf("strings %d\n", n);
	for (i = 0; i < n; i++) {
		if ((s = get_string(r, i, &error)) == NULL) {
			error_print("string", &error);
			return (-1);
		}
		printf("string ");
		put_text(s);
		printf("\n");
		free(s);
	}

	if (libevtx_record_get_utf8_xml_string_size(r, &size, &error) != 1 ||
	    (s = malloc(size)) == NULL) {
		error_print("xml", &error);
		return (-1);
	}
	if (libevtx_record_get_utf8_xml_string(r, (uint8_t *)s, size,
	    &error) != 1) {
		free(s);
		error_print("xml", &error);
		return (-1);
	}
	print_xml_fields(s);
	free(s);
	printf("\n");
	return (0);
}

static uint32_t
crc32_bitwise(uint32_t crc, const uint8_t *p, size_t len)
{
	int	i;

	crc = ~crc;
	while (len-- > 0) {
		crc ^= *p++;
		for (i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (0xedb88320U & -(crc & 1));
	}
	return (~crc);
}

static uint32_t
le32(const uint8_t *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

static int
check_crcs(const char *path)
{
	static uint8_t	 buf[65536];
	FILE		*f;
	uint32_t	 crc, free_off;
	unsigned	 chunk = 0;
	int		 bad = 0;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return (2);
	}
	if (fread(buf, 4096, 1, f) != 1 || memcmp(buf, "ElfFile", 8) != 0) {
		fprintf(stderr, "%s: no file header\n", path);
		fclose(f);
		return (1);
	}
	if (crc32_bitwise(0, buf, 120) != le32(buf + 124)) {
		printf("file header CRC wrong\n");
		bad = 1;
	}
	while (fread(buf, sizeof buf, 1, f) == 1) {
		if (memcmp(buf, "ElfChnk", 8) != 0) {
			printf("chunk %u: no signature\n", chunk);
			bad = 1;
		}
		crc = crc32_bitwise(0, buf, 120);
		crc = crc32_bitwise(crc, buf + 128, 512 - 128);
		if (crc != le32(buf + 124)) {
			printf("chunk %u: header CRC wrong\n", chunk);
			bad = 1;
		}
		free_off = le32(buf + 48);
		if (free_off < 512 || free_off > sizeof buf ||
		    crc32_bitwise(0, buf + 512, free_off - 512) !=
		    le32(buf + 52)) {
			printf("chunk %u: records CRC wrong\n", chunk);
			bad = 1;
		}
		chunk++;
	}
	fclose(f);
	printf("%u chunks\n", chunk);
	return (bad);
}

int
main(int argc, char **argv)
{
	libevtx_file_t		*file = NULL;
	libevtx_record_t	*r;
	libevtx_error_t		*error = NULL;
	uint32_t		 flags;
	int			 n, i, bad = 0;

	if (argc == 3 && strcmp(argv[1], "--crc") == 0)
		return (check_crcs(argv[2]));
	if (argc != 2) {
		fprintf(stderr, "usage: evtxgen-check [--crc] FILE.evtx\n");
		return (2);
	}
	if (libevtx_file_initialize(&file, &error) != 1 ||
	    libevtx_file_open(file, argv[1], LIBEVTX_OPEN_READ, &error) != 1 ||
	    libevtx_file_get_number_of_records(file, &n, &error) != 1) {
		error_print(argv[1], &error);
		libevtx_file_free(&file, NULL);
		return (2);
	}
	for (i = 0; i < n; i++) {
		r = NULL;
		if (libevtx_file_get_record_by_index(file, i, &r,
		    &error) != 1) {
			libevtx_error_free(&error);
			printf("unreadable %d\n\n", i);
			bad = 1;
			continue;
		}
		if (print_record(r) != 0) {
			printf("unreadable %d\n\n", i);
			bad = 1;
		}
		libevtx_record_free(&r, NULL);
	}
	if (libevtx_file_get_flags(file, &flags, &error) == 1)
		printf("file-flags 0x%" PRIx32 "\n", flags);
	libevtx_error_free(&error);
	if (libevtx_file_get_number_of_recovered_records(file, &n,
	    &error) == 1 && n > 0)
		printf("recovered %d\n", n);
	libevtx_error_free(&error);
	if (libevtx_file_is_corrupted(file, &error) == 1)
		printf("corrupted\n");
	libevtx_error_free(&error);
	libevtx_file_close(file, NULL);
	libevtx_file_free(&file, NULL);
	return (bad);
}

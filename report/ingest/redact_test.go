package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedact(t *testing.T) {
	var r Redactor
	r.addPerson("asa_lindqvist", "Åsa Lindqvist")
	r.addPerson("jnunez", "José Núñez")
	r.addPerson("liwu", "Li Wu-Berg")
	r.addPerson("sean", "Seán O'Brien")
	r.addPerson("jean-luc.p", "Jean-Luc Picard")
	r.addPerson("wu", "Ångström Małgorzata")
	r.addPerson("the", "Theo Dahl")
	r.addPerson("data", "Will Smith")
	tests := []struct{ name, in, want string }{
		{"e-mail", "Write to me at asa.l@mail.example.se please", "Write to me at [e-mail] please"},
		{"URL", "See https://example.org/x?y=1 and www.example.com.", "See [URL] and [URL]."},
		{"phone with spaces", "Call +46 70 123 45 67 any time", "Call [phone] any time"},
		{"phone with dashes", "Tel 555-123-4567.", "Tel [phone]."},
		{"short numbers stay", "Week 3 had 12 videos in 2026", "Week 3 had 12 videos in 2026"},
		{"full name, any case", "Thanks from ÅSA LINDQVIST!", "Thanks from [name]!"},
		{"first name alone", "José here: great course.", "[name] here: great course."},
		{"username", "my handle is jnunez.", "my handle is [name]."},
		{"words that merely contain a name stay", "Joséphine liked it", "Joséphine liked it"},
		{"short and hyphenated name parts", "Regards, Li Wu-Berg", "Regards, [name]-[name]"},
		{"apostrophes in names and possessives", "I'm Seán O'Brien; O'Brien's notes", "I'm [name]; [name]'s notes"},
		{"nothing to redact", "The workload was fine.", "The workload was fine."},
		{"IPv4", "my IP 192.168.1.10 was blocked", "my IP [IP address] was blocked"},
		{"IPv6", "from 2001:db8::8a2e:370:7334 and fe80::1", "from [IP address] and [IP address]"},
		{"times and versions are not addresses", "at 10:30:00, version 3.5.1", "at 10:30:00, version 3.5.1"},
		{"username with a hyphen and a dot", "I am jean-luc.p on the forum", "I am [name] on the forum"},
		{"username of two letters", "ask wu about it", "ask [name] about it"},
		{"zero-width space inside a username", "I am jean-luc\u200b.p", "I am [name]"},
		{"soft hyphen inside a username", "I am jn\u00adunez", "I am [name]"},
		{"name typed without diacritics", "Angstrom and Malgorzata say hi", "[name] and [name] say hi"},
		{"full-width name", "ＡＳＡ wrote this", "[name] wrote this"},
		{"e-mail with (at) and (dot)", "mail asa (at) example (dot) org now", "mail [e-mail] now"},
		{"e-mail with [at] and [dot]", "mail asa[at]example[dot]org", "mail [e-mail]"},
		{"e-mail with at and dot in words", "mail asa at example dot org", "mail [e-mail]"},
		{"plain at before a domain is a URL, not an e-mail", "I work at example.com now", "I work at [URL] now"},
		{"e-mail with a plus tag and subdomains", "asa+mooc@mail.dept.example.ac.uk", "[e-mail]"},
		{"e-mail with non-ASCII", "jöns.åberg@exämple.se", "[e-mail]"},
		{"full-width e-mail", "ａｓａ＠ｅｘａｍｐｌｅ．ｏｒｇ", "[e-mail]"},
		{"URL without a scheme", "see example.com/path?x=1.", "see [URL]."},
		{"ftp URL", "ftp://files.example.net/pub", "[URL]"},
		{"file names and abbreviations stay", "README.md, e.g. Node.js", "README.md, e.g. Node.js"},
		{"dates are not phone numbers", "due 2026-03-12 or 12.03.2026", "due 2026-03-12 or 12.03.2026"},
		{"a learner called the: every the stays", "the data in the course", "the data in the course"},
		{"a learner called the: as a handle", "I am @the, username: data", "I am @[name], username: [name]"},
		{"a common first name beside its surname", "Will Smith says you will like it", "[name] says you will like it"},
		{"a name introduced but in no profile", "My name is Kasia Nowak and I liked it", "My name is [name] and I liked it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzRedact(f *testing.F) {
	var r Redactor
	r.addPerson("asa_lindqvist", "Åsa Lindqvist")
	for _, s := range []string{"asa.l@mail.example.se", "https://x.y", "a (at) b (dot) org", "fe80::1", "ß\u200b", "ﬁ\u0301", "+46 70 123 45 67", "Åsa", "a.b.c..", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := r.Redact(s)
		if redactPatterns().email.MatchString(foldWord(out)) {
			t.Errorf("Redact(%q) = %q still holds an e-mail address", s, out)
		}
		if strings.ContainsAny(out, "\u200b\u00ad") {
			t.Errorf("Redact(%q) = %q holds an invisible character", s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("Redact(%q) = %q is not UTF-8", s, out)
		}
	})
}

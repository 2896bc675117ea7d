package ingest

import "testing"

// TestRedactPatternsCompile: the redactor's expressions are compiled on
// first use, not when the program starts, so a bad one would fail a build
// that meets free text instead of every command: they are all compiled
// here, and each still finds what it is for.
func TestRedactPatternsCompile(t *testing.T) {
	var p *patterns
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("the redaction patterns do not compile: %v", r)
			}
		}()
		p = redactPatterns()
	}()
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"email", p.email.MatchString("ana@example.org")},
		{"spelled", p.spelled.MatchString("ana at mail dot se")},
		{"url", p.url.MatchString("see www.example.org/x")},
		{"ipv4", p.ipv4.MatchString("from 10.1.2.3")},
		{"ipv6", p.ipv6.MatchString("fe80::1")},
		{"phone", p.phone.MatchString("+46 70 123 45 67")},
		{"date", p.date.MatchString("2026-03-01")},
		{"introducer", p.introducer.MatchString("my name is ")},
		{"introduced", p.introduced.MatchString("call me Ana")},
		{"common words", len(p.common) > 100 && p.common["the"]},
	} {
		if !tc.ok {
			t.Errorf("%s: the pattern no longer finds what it is for", tc.name)
		}
	}
}

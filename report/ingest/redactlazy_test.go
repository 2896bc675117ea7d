package ingest

import "testing"

// TestRedactPatternsCompile: the redactor's expressions are compiled on
// first use, not when the program starts, so a bad one would fail a build
// that meets free text instead of every command: each is compiled here.
func TestRedactPatternsCompile(t *testing.T) {
	for name, re := range map[string]lazyRE{"email": emailRE, "spelled": spelledRE, "url": urlRE, "ipv4": ipv4RE, "ipv6": ipv6RE,
		"phone": phoneRE, "date": dateRE, "introducer": introducer, "strongIntro": strongIntro, "introduced": introduced} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s does not compile: %v", name, r)
				}
			}()
			re.MatchString("")
		}()
	}
	if !emailRE.MatchString("ana@example.org") || len(commonWords()) == 0 {
		t.Error("the lazy expressions and word list do not work as they did")
	}
}

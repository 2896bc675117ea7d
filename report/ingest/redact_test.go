package ingest

import "testing"

func TestRedact(t *testing.T) {
	var r Redactor
	r.addPerson("asa_lindqvist", "Åsa Lindqvist")
	r.addPerson("jnunez", "José Núñez")
	r.addPerson("liwu", "Li Wu-Berg")
	r.addPerson("sean", "Seán O'Brien")
	tests := []struct{ name, in, want string }{
		{"e-mail", "Write to me at asa.l@mail.example.se please", "Write to me at [e-mail] please"},
		{"URL", "See https://example.org/x?y=1 and www.example.com.", "See [URL] and [URL]"},
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
	for _, s := range []string{"asa.l@mail.example.se", "https://x.y", "+46 70 123 45 67", "Åsa", "a.b.c..", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := r.Redact(s)
		if emailRE.MatchString(out) {
			t.Errorf("Redact(%q) = %q still holds an e-mail address", s, out)
		}
	})
}

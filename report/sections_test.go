package report

import (
	"strings"
	"testing"
)

func TestSectionNumber(t *testing.T) {
	secs := func(ids ...string) []Section {
		var out []Section
		for _, id := range ids {
			out = append(out, Section{ID: id})
		}
		return out
	}
	tests := []struct {
		name string
		secs []Section
		want string
	}{
		{"findings numbered, closing reference sections lettered", secs("introduction", "learners", "methods", "data-quality", "provenance"), "1 2 A B C"},
		{"an author's section last: every section numbered", secs("introduction", "methods", "references"), "1 2 3"},
		{"an appendix between findings keeps its number", secs("introduction", "methods", "learners", "provenance"), "1 2 3 A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for i := range tt.secs {
				got = append(got, SectionNumber(tt.secs, i))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("numbers = %q, want %q", strings.Join(got, " "), tt.want)
			}
		})
	}
	for k, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 52: "BA"} {
		if got := AppendixLetter(k); got != want {
			t.Errorf("AppendixLetter(%d) = %q, want %q", k, got, want)
		}
	}
}

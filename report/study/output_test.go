package study

import (
	"strings"
	"testing"
)

// minimalStudy is a valid study.yaml to which each case appends its keys.
const minimalStudy = `id: s
title: T
version: "1.0.0"
salt: x
courses:
  - {key: eat, name: E, course_id: "course-v1:A+B+C", role: study, start: 2026-03-02, weeks: 8, pass_mark: 0.5,
     sources: [{format: edx-profile, path: p.csv}]}
`

func TestOutputOptions(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string // empty: valid
		check   func(*Study) bool
	}{
		{"defaults", "", "", func(s *Study) bool { return !s.Appendix && s.PDF.PageSize == "" && len(s.Keywords) == 0 }},
		{"appendix on", "appendix: true\n", "", func(s *Study) bool { return s.Appendix }},
		{"Letter", "pdf: {page_size: Letter}\n", "", func(s *Study) bool { return s.PDF.PageSize == "Letter" }},
		{"A4", "pdf:\n  page_size: A4\n", "", func(s *Study) bool { return s.PDF.PageSize == "A4" }},
		{"keywords", "keywords: [MOOC, engagement]\n", "", func(s *Study) bool { return strings.Join(s.Keywords, "|") == "MOOC|engagement" }},
		{"unknown page size", "pdf: {page_size: A5}\n", `pdf.page_size: want "A4" or "Letter", got "A5"`, nil},
		{"page size spelt loosely", "pdf: {page_size: letter}\n", `pdf.page_size: want "A4" or "Letter", got "letter" (did you mean "Letter"?)`, nil},
		{"unknown pdf key", "pdf: {paper: A4}\n", `unknown key "paper"`, nil},
		{"appendix not a bool", "appendix: sometimes\n", `study.yaml:8:11: appendix: want true or false, got "sometimes"`, nil},
		{"empty keyword", "keywords: [MOOC, \" \"]\n", `keywords[1]: want a non-empty keyword`, nil},
		{"keyword with the separator", "keywords: [\"a; b\"]\n", `keywords[0]: want a non-empty keyword without ';'`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("study.yaml", []byte(minimalStudy+tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(s) {
				t.Errorf("parsed %+v", s)
			}
		})
	}
}

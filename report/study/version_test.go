package study

import (
	"strings"
	"testing"
)

// TestCheckVersion: a version is a plain folder name of public/ that the
// site does not use for anything else.
func TestCheckVersion(t *testing.T) {
	tests := []struct {
		version string
		want    string // part of the error; empty for a valid version
	}{
		{"1.0.0", ""},
		{"2026-spring_b", ""},
		{"1.0.old", ""},
		{"latest", "kept for the published site's own use"},
		{"LATEST", "kept for the published site's own use"},
		{"draft", "kept for the published site's own use"},
		{"index.html", "kept for the published site's own use"},
		{".hidden", "starting with a letter or digit"},
		{"..", "starting with a letter or digit"},
		{"1..2", "want a version"},
		{"a/b", "want a version"},
		{`a\b`, "want a version"},
		{"", "want a version"},
		{"1.0 beta", "want a version"},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			err := CheckVersion(tt.version)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckVersion(%q) = %v, want ok", tt.version, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("CheckVersion(%q) = %v, want an error containing %q", tt.version, err, tt.want)
			}
		})
	}
}

// TestReservedVersionNamesTheLine: study.yaml's version line is named.
func TestReservedVersionNamesTheLine(t *testing.T) {
	t.Setenv("MOOCREPORT_SALT", "")
	_, err := Parse("study.yaml", []byte(strings.Replace(valid, `"1.0"`, "draft", 1)))
	if err == nil || !strings.Contains(err.Error(), `study.yaml:3:10: version: "draft" is kept`) {
		t.Fatalf("err = %v, want study.yaml:3:10: version: \"draft\" is kept …", err)
	}
}

package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDraftMarked: a draft whose pages lack the banner (a study's
// own layout.html without it) is refused, naming the page.
func TestCheckDraftMarked(t *testing.T) {
	marked := `<body><p class="draft-banner" role="note"><strong>Draft.</strong></p>`
	tests := []struct {
		name  string
		pages map[string]string
		want  string // part of the error; empty: accepted
	}{
		{"every page marked", map[string]string{"index.html": marked, "activity.html": marked}, ""},
		{"one page unmarked", map[string]string{"index.html": marked, "activity.html": "<body><h1>Activity</h1>"}, "activity.html would not say it is a draft"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.pages {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := checkDraftMarked(dir)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("checkDraftMarked = %v, want %q", err, tt.want)
			}
		})
	}
}

package build

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/moocreport/moocreport/report/study"
)

// TestSourceMatchesAbsolute: a source named by an absolute path is
// watched where it points, so a file added beside it invalidates the
// cached ingest as for a relative one.
func TestSourceMatchesAbsolute(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "elsewhere")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "a.log"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	pattern := filepath.ToSlash(filepath.Join(data, "*.log"))
	s := &study.Study{Dir: filepath.Join(dir, "study"), Courses: []study.Course{{Sources: []study.Source{{Format: "edx-tracking", Path: pattern}}}}}
	if got := sourceMatches(s, nil)[pattern]; len(got) != 1 || !slices.Contains(got, rel(s.Dir, filepath.Join(data, "a.log"))) {
		t.Errorf("matches %q, want the one file a.log", got)
	}
}

package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
)

// TestForceListsTheNewDate: a version replaced with -force lists itself,
// in its own pages' version menu, with the date of the build that
// replaced it (the one its pages say they were built on), not the date of
// the version it replaced.
func TestForceListsTheNewDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example study twice")
	}
	dir := exampleCopy(t)
	public := t.TempDir()
	opt := Options{StudyFile: filepath.Join(dir, "study.yaml"), Public: public, Tool: "test", Built: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	fixture.Append(t, filepath.Join(dir, "content", "introduction.md"), "\nA corrected sentence.\n")
	opt.Force, opt.Built = true, time.Date(2026, 4, 2, 12, 0, 0, 0, time.UTC)
	res, err := Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(res.Dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span class="date">2 April 2026</span> <span class="current">(this version)</span>`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the replaced version's index.html lacks %q", want)
		}
	}
	if strings.Contains(string(page), "1 March 2026") {
		t.Errorf("the replaced version's index.html still shows the replaced build's date, 1 March 2026")
	}
}

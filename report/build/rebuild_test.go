package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report/site"
)

// TestWarmRebuildIsCold: after each kind of edit an author makes, a
// rebuild that reuses the cache of the builds before it publishes, file
// for file and byte for byte, what the same rebuild without a cache
// publishes into a public/ with the same history: the version, latest/ and
// index.html. Each edit shows somewhere (a page, the PDF, every page's
// navigation, the version list), so a cache entry that missed it fails.
func TestWarmRebuildIsCold(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example twenty times")
	}
	dir := exampleCopy(t)
	root := fixture.RepoRoot(t)
	var log bytes.Buffer
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache"), Log: &log}
	warm, cold := t.TempDir(), t.TempDir()
	build := func(public string, c *Cache) {
		t.Helper()
		opt := Options{StudyFile: filepath.Join(dir, "study.yaml"), Public: public, Built: time.Unix(1700000000, 0), Tool: "test", Cache: c, Force: true}
		if _, err := Run(opt); err != nil {
			t.Fatal(err)
		}
	}
	build(warm, cache)
	build(cold, nil)
	intro := filepath.Join(dir, "content", "introduction.md")
	cases := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"sentence appended", func(t *testing.T) { fixture.Append(t, intro, "\nOne more sentence.\n") }},
		{"heading renamed", func(t *testing.T) { fixture.Replace(t, intro, "# Introduction", "# Introduction and questions") }},
		{"value added to the narrative", func(t *testing.T) { fixture.Append(t, intro, "\nIn all {{< value sus.enrolled >}} enrolled.\n") }},
		{"report title", func(t *testing.T) {
			fixture.Replace(t, filepath.Join(dir, "study.yaml"), "title: \"Emerging", "title: \"Rebuilt: Emerging")
		}},
		{"summary of the version", func(t *testing.T) {
			fixture.Replace(t, filepath.Join(dir, "study.yaml"), "summary: \"First run", "summary: \"The first run")
		}},
		{"setting the measures read", func(t *testing.T) {
			fixture.Replace(t, filepath.Join(dir, "study.yaml"), "min_cell: 5", "min_cell: 6")
		}},
		{"template of the study's own", func(t *testing.T) {
			css, err := os.ReadFile(filepath.Join(root, "templates", "style.css"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(dir, "templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "templates", "style.css"), append(css, "\nbody { margin: 0; }\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"page template of the study's own", func(t *testing.T) {
			layout, err := os.ReadFile(filepath.Join(root, "templates", "layout.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(layout, []byte("<title>")) {
				t.Fatal("layout.html has no <title> to change")
			}
			layout = bytes.Replace(layout, []byte("<title>"), []byte("<title>Study: "), 1)
			if err := os.WriteFile(filepath.Join(dir, "templates", "layout.html"), layout, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"sentence appended under the study's own page template", func(t *testing.T) { fixture.Append(t, intro, "\nAnd one more.\n") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.edit(t)
			build(warm, cache)
			build(cold, nil)
			if diff, err := site.Diff(cold, warm); err != nil || len(diff) > 0 {
				t.Errorf("the rebuild differs from a build without a cache in %v (%v)", diff, err)
			}
		})
	}
	if log.Len() > 0 {
		t.Errorf("the cache logged on builds that damaged nothing:\n%s", log.String())
	}
}

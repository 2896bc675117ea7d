package build

import (
	"bytes"
	"debug/elf"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report/site"
	"github.com/moocreport/moocreport/report/study"
)

// copyData replaces the data/ link of an example copy by a real copy, so a
// test can change a data file.
func copyData(t *testing.T, dir string) {
	t.Helper()
	target, err := os.Readlink(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "data"))
	if err := os.CopyFS(filepath.Join(dir, "data"), os.DirFS(target)); err != nil {
		t.Fatal(err)
	}
}

// TestCacheGivesTheSameReport: a build from cached data and charts is byte
// for byte the build without a cache, and the cache is used (the second
// build logs no decision and changes nothing).
func TestCacheGivesTheSameReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example three times")
	}
	dir := exampleCopy(t)
	var log bytes.Buffer
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache"), Log: &log}
	build := func(c *Cache) string {
		out := t.TempDir()
		if _, err := Run(Options{StudyFile: filepath.Join(dir, "study.yaml"), Public: out, Built: time.Unix(1700000000, 0), Tool: "test", Cache: c}); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(out, "1.0.0")
	}
	plain := build(nil)
	first := build(cache)
	second := build(cache)
	for _, got := range []string{first, second} {
		if diff, err := site.Diff(plain, got); err != nil || len(diff) > 0 {
			t.Errorf("a cached build differs from an uncached one in %v (%v)", diff, err)
		}
	}
	if log.Len() > 0 {
		t.Errorf("the cache logged on an unchanged study:\n%s", log.String())
	}
	st := mustLoad(t, dir)
	if !loadDataset(cache, st) {
		t.Error("no usable dataset entry after two builds")
	}
}

// TestCacheNoticesChanges: an entry is used only while every input and
// every ingest setting is as it was; a damaged entry is detected, reported
// and rebuilt.
func TestCacheNoticesChanges(t *testing.T) {
	dir := exampleCopy(t)
	copyData(t, dir)
	var log bytes.Buffer
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache"), Log: &log}
	if _, err := PrepareWith(filepath.Join(dir, "study.yaml"), PrepareOptions{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		change  func(t *testing.T)
		reuse   bool
		logSays string
	}{
		{"narrative edit", func(t *testing.T) {
			fixture.Append(t, filepath.Join(dir, "content", "introduction.md"), "\nOne more sentence.\n")
		}, true, ""},
		{"report title", func(t *testing.T) {
			fixture.Replace(t, filepath.Join(dir, "study.yaml"), "title: \"Emerging", "title: \"Draft: Emerging")
		}, true, ""},
		{"data file changed, same size", func(t *testing.T) { changeSurvey(t, dir) }, false, ""},
		{"file added beside a source's files", func(t *testing.T) { addLog(t, dir) }, false, ""},
		{"ingest setting", func(t *testing.T) { fixture.Replace(t, filepath.Join(dir, "study.yaml"), "min_cell: 5", "min_cell: 6") }, false, ""},
		{"damaged entry", func(t *testing.T) { damage(t, cache.Dir) }, false, "damaged"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			log.Reset()
			tc.change(t)
			s := mustLoad(t, dir)
			if ok := loadDataset(cache, s); ok != tc.reuse {
				t.Errorf("entry used = %v, want %v (log: %s)", ok, tc.reuse, log.String())
			}
			if !strings.Contains(log.String(), tc.logSays) {
				t.Errorf("log %q does not say %q", log.String(), tc.logSays)
			}
			// Build again, so the next case starts from a fresh entry.
			if _, err := PrepareWith(filepath.Join(dir, "study.yaml"), PrepareOptions{Cache: cache}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// loadDataset says whether the cache gives s's data: a head that matches
// the files on disk, and the data it describes.
func loadDataset(c *Cache, s *study.Study) bool {
	head, ok := c.loadDatasetHead(s, newInputHashes(s.Dir), nil)
	if !ok {
		return false
	}
	_, ok = c.loadDatasetBody(s, head)
	return ok
}

// TestCachedMeasuresNeedNoData: a rebuild after a narrative edit takes the
// measures from the cache and so never decodes the data; if the measures
// must be computed and the data's entry is gone, the data are read again.
func TestCachedMeasuresNeedNoData(t *testing.T) {
	dir := exampleCopy(t)
	copyData(t, dir)
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
	prepare := func() []string {
		var stages []string
		p, err := PrepareWith(filepath.Join(dir, "study.yaml"), PrepareOptions{Cache: cache, Progress: func(s string) { stages = append(stages, s) }})
		if err != nil {
			t.Fatal(err)
		}
		if p.Data.Learners == 0 || len(p.Data.Inputs) == 0 {
			t.Errorf("summary of the data = %+v, want its learners and files", p.Data)
		}
		return stages
	}
	if got := prepare(); !slices.Contains(got, "reading the data") {
		t.Fatalf("a first build did not read the data: %q", got)
	}
	if err := os.RemoveAll(filepath.Join(cache.Dir, "data")); err != nil {
		t.Fatal(err)
	}
	fixture.Append(t, filepath.Join(dir, "content", "introduction.md"), "\nOne more sentence.\n")
	if got := prepare(); slices.Contains(got, "reading the data") {
		t.Errorf("a rebuild after a narrative edit read the data: %q", got)
	}
	fixture.Replace(t, filepath.Join(dir, "study.yaml"), "title: \"Emerging", "title: \"Draft: Emerging") // new measures' key
	if got := prepare(); !slices.Contains(got, "reading the data") {
		t.Errorf("measures computed without the data's entry did not read the data: %q", got)
	}
}

func mustLoad(t *testing.T, dir string) *study.Study {
	t.Helper()
	s, err := study.Load(filepath.Join(dir, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// changeSurvey rewrites one answer of a survey export: same size, other
// content, so only the hash can tell.
func changeSurvey(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "data", "eat", "EAT101x_post-course_survey.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndexAny(b, "12345")
	b[i] = "23451"[bytes.IndexByte([]byte("12345"), b[i])]
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// addLog copies one daily log under a new name that the source's pattern
// matches.
func addLog(t *testing.T, dir string) {
	t.Helper()
	logs := filepath.Join(dir, "data", "eat", "logs")
	b, err := os.ReadFile(filepath.Join(logs, "tracking.log-20260302.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(logs, "tracking.log-20260302-2.gz"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// damage flips one byte in the middle of every data entry.
func damage(t *testing.T, cacheDir string) { t.Helper(); damageKind(t, cacheDir, "data") }

// damageKind flips a byte in the middle of every cache entry of a kind.
func damageKind(t *testing.T, cacheDir, kind string) {
	t.Helper()
	n := 0
	filepath.WalkDir(filepath.Join(cacheDir, kind), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		b[len(b)/2] ^= 0xff
		n++
		return os.WriteFile(path, b, 0o644)
	})
	if n == 0 {
		t.Fatalf("no %s entry to damage", kind)
	}
}

// TestChangedSurveyKeepsTheLogs: when one survey export changes, the data
// is read again but the tracking logs, which did not change, are taken
// from the cache; the measures are those of reading everything again.
func TestChangedSurveyKeepsTheLogs(t *testing.T) {
	dir := exampleCopy(t)
	copyData(t, dir)
	studyFile := filepath.Join(dir, "study.yaml")
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
	if _, err := PrepareWith(studyFile, PrepareOptions{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	changeSurvey(t, dir)
	cache.recalled = nil
	got, err := PrepareWith(studyFile, PrepareOptions{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if n := cache.recalled["tracking"]; n != 2 {
		t.Errorf("tracking sources taken from the cache: %d, want both courses' (2)", n)
	}
	want, err := Prepare(studyFile)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Measures.Measures, want.Measures.Measures) {
		t.Error("measures from the cached logs differ from reading everything again")
	}
	// A changed log is read again.
	addLog(t, dir)
	cache.recalled = nil
	if _, err := PrepareWith(studyFile, PrepareOptions{Cache: cache}); err != nil {
		t.Fatal(err)
	}
	if n := cache.recalled["tracking"]; n != 1 {
		t.Errorf("after a log of one course was added, %d tracking sources came from the cache, want 1", n)
	}
}

// TestGoBuildID: the cache's program key reads the linker's build ID from
// the test binary itself, as `go tool buildid` prints it; an executable
// that is not ELF gives none (its whole file is hashed instead).
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	f, err := elf.Open(exe)
	if err != nil {
		// Not ELF (macOS, Windows): no build ID is read, and program
		// falls back to hashing the whole executable.
		if id != "" {
			t.Errorf("goBuildID = %q for an executable that is not ELF", id)
		}
		return
	}
	f.Close()
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); id == "" || id != want {
		t.Errorf("goBuildID = %q, go tool buildid says %q", id, want)
	}
	if goBuildID(filepath.Join("testdata", "nonexistent")) != "" {
		t.Error("a build ID for a missing file")
	}
}

// TestMeasuresGuessed: a build records the key of the measures it used, so
// that the next build starts decoding that entry before it reads the study
// (guessMeasures); after a setting the measures read changes, the record
// follows, and the build used the measures of the new key (the guess,
// wrong then, is not used: TestWarmRebuildIsCold compares the output).
func TestMeasuresGuessed(t *testing.T) {
	if testing.Short() {
		t.Skip("prepares the example twice")
	}
	dir := exampleCopy(t)
	studyFile := filepath.Join(dir, "study.yaml")
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
	if g := cache.guessMeasures(studyFile); g != nil {
		t.Fatalf("a guess before any build: %s", g.key)
	}
	for _, edit := range []func(){func() {}, func() { fixture.Replace(t, studyFile, "min_cell: 5", "min_cell: 6") }} {
		edit()
		p, err := PrepareWith(studyFile, PrepareOptions{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		g := cache.guessMeasures(studyFile)
		if g == nil {
			t.Fatal("no guess after a build")
		}
		<-g.done
		if g.key != p.measuresKey || !g.ok {
			t.Errorf("the guess reads %s (ok %t), the build used %s", g.key, g.ok, p.measuresKey)
		}
	}
}

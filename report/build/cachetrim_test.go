package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTrim: a trim removes the entries not used for a week and the
// temporary files of killed writes, keeps the rest, and looks again only
// a day later.
func TestTrim(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	now := time.Now()
	c.write("figures", "aa11", []byte("used yesterday"))
	c.write("figures", "bb22", []byte("used eight days ago"))
	c.write("measures", "cc33", []byte("used six days ago"))
	tmp := filepath.Join(c.Dir, "figures", "aa", ".tmp-123")
	if err := os.WriteFile(tmp, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	age := func(path string, d time.Duration) {
		t.Helper()
		if err := os.Chtimes(path, now.Add(-d), now.Add(-d)); err != nil {
			t.Fatal(err)
		}
	}
	age(c.path("figures", "aa11"), 24*time.Hour)
	age(c.path("figures", "bb22"), 8*24*time.Hour)
	age(c.path("measures", "cc33"), 6*24*time.Hour)
	age(tmp, 2*time.Hour)

	if n := c.trim(now); n != 2 {
		t.Errorf("trim removed %d files, want 2 (the entry unused for eight days, the temporary file)", n)
	}
	for path, want := range map[string]bool{c.path("figures", "aa11"): true, c.path("figures", "bb22"): false, c.path("measures", "cc33"): true, tmp: false} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s: kept %v, want %v", path, err == nil, want)
		}
	}
	// Within the day, nothing is looked at again.
	age(c.path("measures", "cc33"), 9*24*time.Hour)
	if n := c.trim(now.Add(time.Hour)); n != 0 {
		t.Errorf("a second trim within the day removed %d files", n)
	}
	if n := c.trim(now.Add(25 * time.Hour)); n != 1 {
		t.Errorf("a trim a day later removed %d files, want 1", n)
	}
	var nilCache *Cache
	if n := nilCache.trim(now); n != 0 {
		t.Errorf("a nil cache trimmed %d files", n)
	}
}

// TestReadTouches: reading an entry marks it used, so a trim keeps what
// builds use however old it is, at most once an hour (a read within the
// hour leaves its time alone).
func TestReadTouches(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	c.write("figures", "aa11", []byte("chart"))
	path := c.path("figures", "aa11")
	for _, tc := range []struct {
		age     time.Duration
		touched bool
	}{{30 * 24 * time.Hour, true}, {2 * time.Hour, true}, {10 * time.Minute, false}} {
		old := time.Now().Add(-tc.age)
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
		var b []byte
		if !c.read("figures", "aa11", &b) || string(b) != "chart" {
			t.Fatalf("read %q", b)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if touched := fi.ModTime().After(old.Add(time.Second)); touched != tc.touched {
			t.Errorf("an entry last used %v ago: touched %v, want %v", tc.age, touched, tc.touched)
		}
	}
}

// TestBuildTrimsTheCache: a build of the example trims its cache: after
// every entry has gone unused for eight days, a rebuild keeps the entries
// it used (the data, its head, the measures) and removes one it did not.
func TestBuildTrimsTheCache(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example twice")
	}
	dir := exampleCopy(t)
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
	opt := Options{StudyFile: filepath.Join(dir, "study.yaml"), Public: t.TempDir(), Built: time.Unix(1700000000, 0), Tool: "test", Cache: cache}
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	cache.write("figures", "ffff00", []byte("a chart no build draws"))
	old := time.Now().Add(-8 * 24 * time.Hour)
	var entries []string
	filepath.WalkDir(cache.Dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(path, old, old)
			entries = append(entries, path)
		}
		return nil
	})
	if _, err := Run(opt); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cache.path("figures", "ffff00")); err == nil {
		t.Error("the entry no build used for eight days is still there")
	}
	for _, kind := range []string{"data", "datahead", "measures"} {
		kept := false
		for _, p := range entries {
			if _, err := os.Stat(p); err == nil && filepath.Base(filepath.Dir(filepath.Dir(p))) == kind {
				kept = true
			}
		}
		if !kept {
			t.Errorf("no %s entry was kept, though the rebuild used it", kind)
		}
	}
}

package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report/site"
)

// TestColdBuildHashesEachInputOnce: a build with an empty cache hashes
// every input file once, although the cache's entry, ingest's tracking
// memo and the manifest all need the hashes; so does a build without a
// cache, which hashes the data files while the measures are computed; the
// manifest lists the same hashes as hashing each file anew.
func TestColdBuildHashesEachInputOnce(t *testing.T) {
	for _, withCache := range []bool{true, false} {
		t.Run(fmt.Sprintf("cache %t", withCache), func(t *testing.T) {
			dir := exampleCopy(t)
			calls := map[string]int{}
			defer func(h func(string, string) (site.FileHash, error)) { hashInput = h }(hashInput)
			hashInput = func(dir, rel string) (site.FileHash, error) {
				calls[rel]++ // under inputHashes' lock
				return hashFile(dir, rel)
			}
			var cache *Cache
			if withCache {
				cache = &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
			}
			p, err := PrepareWith(filepath.Join(dir, "study.yaml"), PrepareOptions{Cache: cache})
			if err != nil {
				t.Fatal(err)
			}
			logs := 0
			for rel, n := range calls {
				if n != 1 {
					t.Errorf("%s hashed %d times, want once", rel, n)
				}
				if strings.Contains(rel, "/logs/") {
					logs++
				}
			}
			if logs == 0 {
				t.Errorf("no tracking log among the files hashed: %v", calls)
			}
			if len(p.Inputs) != len(calls)-1 { // study.yaml is not in Inputs
				t.Errorf("%d files in the manifest, %d hashed (study.yaml besides)", len(p.Inputs), len(calls))
			}
			for _, fh := range append(p.Inputs, p.StudyFH) {
				want, err := hashFile(dir, fh.Path)
				if err != nil || fh != want {
					t.Errorf("manifest has %+v, the file hashes to %+v (%v)", fh, want, err)
				}
			}
		})
	}
}

// TestStatIndex: a file hashed by an earlier build is not read again while
// the operating system says it is as it was (size, times, inode) and it had
// settled (racyWindow) when it was hashed; a write, a copy in its place,
// a file hashed just after its last change and a damaged index all make
// it hashed again.
//
// The file's state is asked for, or given as the walk of the study's data
// folders found it (inputHashes.sawFile): the same answers either way.
func TestStatIndex(t *testing.T) {
	for _, seen := range []bool{false, true} {
		t.Run(fmt.Sprintf("seen by the walk %t", seen), func(t *testing.T) { testStatIndex(t, seen) })
	}
}

func testStatIndex(t *testing.T, seen bool) {
	// Without file status times (fileIDOf says nothing) every build reads
	// every input: nothing is trusted.
	_, hasIDs := fileIDOf(mustStat(t, "."))
	dir := t.TempDir()
	const rel = "data/profile.csv"
	path := absPath(dir, rel)
	fixtureWrite(t, path, "id,country\n1,NO\n")
	var log strings.Builder
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache"), Log: &log}
	calls := 0
	defer func(h func(string, string) (site.FileHash, error)) { hashInput = h }(hashInput)
	hashInput = func(dir, rel string) (site.FileHash, error) {
		calls++
		return hashFile(dir, rel)
	}
	// build hashes rel as a build would, as if at offset from now, and
	// says whether it read the file; wrote says whether it wrote the index.
	var wrote bool
	build := func(offset time.Duration) bool {
		t.Helper()
		before := calls
		hs := cache.inputHashes(dir)
		hs.now = func() time.Time { return time.Now().Add(offset) }
		if seen {
			hs.sawFile(rel, mustStat(t, path))
		}
		fh, err := hs.get(rel)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := hashFile(dir, rel); fh != want {
			t.Errorf("hash %+v, want %+v", fh, want)
		}
		cache.saveStatIndex(hs)
		wrote = hs.changed
		return calls > before
	}
	steps := []struct {
		name   string
		change func()
		offset time.Duration
		read   bool
		// write: the index is written (a record added or dropped);
		// a hash made just after the change is not kept, since it
		// could never be trusted.
		write bool
	}{
		{"first build", func() {}, time.Hour, true, true},
		{"unchanged", func() {}, 0, false, false},
		{"same size, new content", func() { fixtureWrite(t, path, "id,country\n2,SE\n") }, 0, true, true},
		{"hashed just after the change again", func() {}, 0, true, false},
		{"hashed once settled", func() {}, time.Hour, true, true},
		{"now trusted", func() {}, 0, false, false},
		{"a copy in its place", func() {
			b, _ := os.ReadFile(path)
			os.Remove(path)
			fixtureWrite(t, path, string(b))
		}, time.Hour, true, true},
		{"damaged index", func() { damageKind(t, cache.Dir, "stat") }, 0, true, false},
	}
	for _, st := range steps {
		st.change()
		if got, want := build(st.offset), st.read || !hasIDs; got != want {
			t.Errorf("%s: file read = %v, want %v", st.name, got, want)
		}
		if hasIDs && wrote != st.write {
			t.Errorf("%s: index written = %v, want %v", st.name, wrote, st.write)
		}
	}
	if !strings.Contains(log.String(), "damaged") {
		t.Errorf("a damaged stat index was not reported: %q", log.String())
	}
}

func mustStat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

func fixtureWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

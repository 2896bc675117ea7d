package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report/site"
)

// TestColdBuildHashesEachInputOnce: a build with an empty cache hashes
// every input file once, although the cache's entry, ingest's tracking
// memo and the manifest all need the hashes; the manifest lists the same
// hashes as hashing each file anew.
func TestColdBuildHashesEachInputOnce(t *testing.T) {
	dir := exampleCopy(t)
	calls := map[string]int{}
	defer func(h func(string, string) (site.FileHash, error)) { hashInput = h }(hashInput)
	hashInput = func(dir, rel string) (site.FileHash, error) {
		calls[rel]++
		return hashFile(dir, rel)
	}
	cache := &Cache{Dir: filepath.Join(dir, ".moocreport-cache")}
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
	for _, fh := range append(p.Inputs, p.StudyFH) {
		want, err := hashFile(dir, fh.Path)
		if err != nil || fh != want {
			t.Errorf("manifest has %+v, the file hashes to %+v (%v)", fh, want, err)
		}
	}
}

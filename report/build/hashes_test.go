package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

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

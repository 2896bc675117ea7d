package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The cache is trimmed as Go's build cache is: an entry's modification
// time says when it was last used (touch), and a build removes the
// entries not used for trimAge, looking at most once every trimEvery (the
// time of the last look is the modification time of the file trimStamp).
// Entries of an earlier moocreport, of settings or data a study no longer
// has, and of renders long replaced are never used again, and would
// otherwise pile up for as long as the study is worked on.
const (
	trimAge   = 7 * 24 * time.Hour
	trimEvery = 24 * time.Hour
	// touchEvery is how stale a used entry's time may get before it is
	// set again: at most one extra system call per entry an hour.
	touchEvery = time.Hour
	trimStamp  = "trimmed"
)

// touch records that the entry at path, last marked used at mtime, was
// used now.
func (c *Cache) touch(path string, mtime time.Time) {
	if now := time.Now(); !mtime.IsZero() && now.Sub(mtime) > touchEvery {
		os.Chtimes(path, now, now)
	}
}

// trim removes the entries not used for trimAge, and the temporary files
// of writes that a killed build left, unless the cache was trimmed less
// than trimEvery before now. It reports how many files it removed. A
// removal that fails is left for the next trim: the cache works the same
// with or without any entry.
func (c *Cache) trim(now time.Time) (removed int) {
	if c == nil {
		return 0
	}
	stamp := filepath.Join(c.Dir, trimStamp)
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < trimEvery {
		return 0
	} else if os.IsNotExist(err) {
		if _, err := os.Stat(c.Dir); err != nil {
			return 0 // no cache yet
		}
	}
	filepath.WalkDir(c.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == stamp {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		age := now.Sub(info.ModTime())
		if age > trimAge || strings.HasPrefix(d.Name(), ".tmp-") && age > touchEvery {
			if os.Remove(path) == nil {
				removed++
			}
		}
		return nil
	})
	if os.WriteFile(stamp, nil, 0o644) == nil {
		os.Chtimes(stamp, now, now)
	}
	return removed
}

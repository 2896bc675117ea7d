package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/moocreport/moocreport/report/site"
)

// fileID identifies a file's state without reading it (see fileIDOf).
type fileID struct {
	Size         int64
	Mtime, Ctime int64 // nanoseconds since 1970
	Ino, Dev     uint64
}

// knownHash is a file's SHA-256 as hashed when it was in state ID, at
// time Seen.
type knownHash struct {
	ID   fileID
	Seen int64 // nanoseconds since 1970
	Hash site.FileHash
}

// racyWindow is how long after its last change a file's state is not
// trusted to tell its content: a file system that keeps times to the
// second (or two, FAT) could see a second write in the same tick. Git's
// index has the same rule ("racy git").
const racyWindow = 2 * time.Second

// settled says whether the file's state had lasted racyWindow when it was
// hashed, so that the state tells its content.
func (k knownHash) settled() bool {
	return k.ID != (fileID{}) && k.Seen-max(k.ID.Mtime, k.ID.Ctime) >= int64(racyWindow)
}

// statIndexKey names the one stat index of a cache folder.
var statIndexKey = func() string {
	sum := sha256.Sum256([]byte("moocreport stat index"))
	return hex.EncodeToString(sum[:])
}()

// trusted returns the hash recorded for the file at path when the file is
// still in the state it was hashed in, and that state was older than
// racyWindow when it was recorded; ok is false otherwise (hash it). fi,
// when not nil, is the file's state as the build just found it; nil asks
// the file system.
//
// This is how git and ccache avoid reading unchanged files: the status
// change time is set by the kernel on every write to the file (and on
// every copy, which is a new inode), so content that changed is never
// taken for the content hashed.
func trusted(known map[string]knownHash, relPath, path string, fi fs.FileInfo) (site.FileHash, fileID, bool) {
	if fi == nil {
		var err error
		if fi, err = os.Stat(path); err != nil {
			return site.FileHash{}, fileID{}, false
		}
	}
	id, ok := fileIDOf(fi)
	if !ok {
		return site.FileHash{}, fileID{}, false
	}
	k, found := known[relPath]
	if !found || k.ID != id || !k.settled() || k.Hash.Path != relPath {
		return site.FileHash{}, id, false
	}
	return k.Hash, id, true
}

// loadStatIndex reads the cache's record of the files hashed before,
// empty when there is none (or it is damaged: the cache reports it).
func (c *Cache) loadStatIndex() map[string]knownHash {
	known := map[string]knownHash{}
	if c != nil {
		c.read("stat", statIndexKey, &known)
	}
	return known
}

// saveStatIndex records the states and hashes of the files hs hashed or
// trusted in this build, beside those it did not need.
func (c *Cache) saveStatIndex(hs *inputHashes) {
	if c == nil || !hs.changed {
		return
	}
	c.write("stat", statIndexKey, hs.known)
}

// absPath is relPath (slash-separated, relative to dir) on disk.
func absPath(dir, relPath string) string {
	return filepath.Join(dir, filepath.FromSlash(relPath))
}

package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report/ingest"
	"github.com/moocreport/moocreport/report/site"
)

// inputHashes hashes the input files of one build, each file once: the
// cache's check of a stored dataset, ingest's key for its tracking memo
// and the manifest all ask for the same SHA-256, and on a large course
// reading the logs again for each would cost as much as a second pass of
// decompression. It lives for one build only, so a file edited between
// two builds (moocreport serve) is hashed again — unless known (the
// cache's stat index, see trusted) says the file is as it was hashed.
type inputHashes struct {
	dir  string
	mu   sync.Mutex
	done map[string]site.FileHash
	// known are the files hashed by earlier builds, by state; changed
	// says this build added to them.
	known   map[string]knownHash
	changed bool
	now     func() time.Time
	// stats holds what the build found of files before it hashed them
	// (sawFile), so that get does not ask the file system again.
	stats map[string]fs.FileInfo
}

// sawFile records fi, what the build just found of the regular file at
// relPath, for get's first look at it.
func (h *inputHashes) sawFile(relPath string, fi fs.FileInfo) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stats == nil {
		h.stats = map[string]fs.FileInfo{}
	}
	h.stats[relPath] = fi
}

func newInputHashes(dir string) *inputHashes {
	return &inputHashes{dir: dir, done: map[string]site.FileHash{}, known: map[string]knownHash{}, now: time.Now}
}

// inputHashes are the hashes of one build of the study in dir, trusting
// the cache's record of files that did not change since they were hashed.
func (c *Cache) inputHashes(dir string) *inputHashes {
	hs := newInputHashes(dir)
	hs.known = c.loadStatIndex()
	return hs
}

// hashInput hashes one file; a variable so a test can count the calls.
var hashInput = hashFile

// get returns the hash of the file at relPath (slash-separated, relative
// to the study folder), hashing it on first use.
func (h *inputHashes) get(relPath string) (site.FileHash, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if fh, ok := h.done[relPath]; ok {
		return fh, nil
	}
	fi := h.stats[relPath]
	delete(h.stats, relPath) // a second look (after the file was hashed) asks again
	fh, id, ok := trusted(h.known, relPath, absPath(h.dir, relPath), fi)
	if !ok {
		seen := h.now()
		var err error
		if fh, err = hashInput(h.dir, relPath); err != nil {
			return fh, err
		}
		h.remember(relPath, knownHash{ID: id, Seen: seen.UnixNano(), Hash: fh})
	}
	h.done[relPath] = fh
	return fh, nil
}

// remember records k, the hash of the file at relPath just made, in the
// stat index when a later build can trust it: its state was settled
// (racyWindow) when it was hashed. A record made sooner after the file's
// last change never becomes trusted (its Seen stays too close), so it is
// not kept: the file just edited is hashed by every build until it
// settles, as it would be anyway, and the index is not written again for
// it. An older record of the file is dropped.
func (h *inputHashes) remember(relPath string, k knownHash) {
	if k.settled() {
		h.known[relPath] = k
		h.changed = true
		return
	}
	if _, ok := h.known[relPath]; ok {
		delete(h.known, relPath)
		h.changed = true
	}
}

// buildMemo is the cache as ingest's Memo for one build, answering
// HashFile (ingest.FileHasher) from the build's hashes.
type buildMemo struct {
	*Cache
	hashes *inputHashes
}

// HashFile implements ingest.FileHasher.
func (m buildMemo) HashFile(name string) (string, int64, error) {
	fh, err := m.hashes.get(name)
	return fh.SHA256, fh.Bytes, err
}

// memo is c as an ingest.Memo sharing the hashes of hs; nil (no memo)
// when c is nil.
func (c *Cache) memo(hs *inputHashes) ingest.Memo {
	if c == nil {
		return nil
	}
	return buildMemo{c, hs}
}

// hashFile is the SHA-256 and size of the file at relPath under dir.
func hashFile(dir, relPath string) (site.FileHash, error) {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(relPath)))
	if err != nil {
		return site.FileHash{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return site.FileHash{}, fmt.Errorf("%s: %w", relPath, err)
	}
	return site.FileHash{Path: relPath, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

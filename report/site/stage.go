package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/moocreport/moocreport/internal/rfile"
)

// Names of the hidden files and folders this package makes in public/.
const (
	stagePrefix = ".moocreport-stage-"
	lockName    = ".moocreport-lock"
	journalName = ".moocreport-journal"
)

// Inside a stage: the new version, the folders it displaces, the new
// latest/ and index.html, and the stage's own lock.
const (
	stNew       = "new"
	stOld       = "old"
	stLatest    = "latest"
	stOldLatest = "old-latest"
	stIndex     = "index.html"
	stLock      = "lock"
	stJournal   = "journal"
)

// Stage is a build's own hidden working folder in public/. The build
// renders a version into Dir, then Publish or PublishDraft swaps it in;
// Discard removes what is left. The stage stays locked while its process
// lives, so a concurrent build never takes it for abandoned.
type Stage struct {
	// Dir is the folder to render the version into.
	Dir    string
	public string
	work   string
	lock   *os.File
	reuse  []string // see Reuse
	// linked holds the files of Dir that WriteFile linked to published
	// ones: their bytes are on disk already, so commit syncs only the
	// folders that name them. WriteFile may be called from several
	// goroutines, each writing its own files.
	mu     sync.Mutex
	linked map[string]bool
	// staged holds every file WriteFile made, and dirs every folder, so
	// that a file is removed before it is made only when it was made
	// before (it may be a link to a published file), and a folder is made
	// once.
	staged, dirs map[string]bool
	// preLatest is set by StageLatest; preSpoiled when its copy missed a
	// file; preLinked names the files linked into the copy (see latest.go).
	preLatest, preSpoiled bool
	preLinked             map[string]bool
	// unsynced are what commit syncs besides the version's files and
	// folders: the new latest/'s folders and index.html, made while
	// publishing. They are synced all at once with the version, since
	// the file system commits syncs in flight together.
	unsynced []string
	// emptying is the removal of the files left in the stage
	// (emptyFolders), and empty names its folders it emptied.
	emptyOnce sync.Once
	emptying  sync.WaitGroup
	empty     map[string]bool
	// spared lists the stage's folders an earlier build left (takeSpare),
	// deepest first, and filled those WriteFile wrote into: Publish
	// removes the others (pruneSpared).
	spared []string
	filled map[string]bool
}

// syncLater adds path to what commit syncs: the file at path, or when
// tree is set every folder of the tree at path (its files are synced with
// the version, or were synced when made).
func (st *Stage) syncLater(path string, tree bool) error {
	if !tree {
		st.unsynced = append(st.unsynced, path)
		return nil
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			st.unsynced = append(st.unsynced, p)
		}
		return err
	})
}

// NewStage makes a stage in public, creating public when needed. It first
// finishes any publish a crashed build left half done.
func NewStage(public string) (*Stage, error) {
	if err := os.MkdirAll(public, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lockPublic(public)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := recoverLocked(public); err != nil {
		return nil, err
	}
	work, dirs := takeSpare(public)
	if work == "" {
		if work, err = os.MkdirTemp(public, stagePrefix); err != nil {
			return nil, err
		}
	}
	st := &Stage{Dir: filepath.Join(work, stNew), public: public, work: work, staged: map[string]bool{}, dirs: map[string]bool{}, spared: dirs}
	for _, d := range dirs {
		st.dirs[d] = true
	}
	if st.lock, err = os.OpenFile(filepath.Join(work, stLock), os.O_RDWR|os.O_CREATE, 0o644); err != nil {
		os.RemoveAll(work)
		return nil, err
	}
	if ok, err := lockFile(st.lock, false); !ok || err != nil {
		st.Discard()
		return nil, fmt.Errorf("locking %s: %v", work, err)
	}
	if !st.dirs[st.Dir] {
		if err := os.Mkdir(st.Dir, 0o755); err != nil {
			st.Discard()
			return nil, err
		}
		st.dirs[st.Dir] = true
	}
	return st, nil
}

// Discard removes the stage and everything left in it: the rendered
// version when it was not published, the folders a publish displaced.
// Their folders, emptied, are left to the next build (see leaveSpare).
func (st *Stage) Discard() error {
	st.emptyFolders()
	st.emptying.Wait()
	if st.leaveSpare() {
		return nil
	}
	err := os.RemoveAll(st.work) // what emptyFolders did not remove too
	if st.lock != nil {
		st.lock.Close()
	}
	return err
}

// emptyFolders starts removing every file of the stage's folders (the
// version and latest/ a forced publish displaced, or what was not
// published), each folder on its own goroutine, once: unlinking their
// files is most of what is left of a rebuild once it is published, and
// commit starts it while it waits for the disk to sync the renames.
// Discard waits for it to end. empty lists the folders it emptied
// completely.
func (st *Stage) emptyFolders() {
	st.emptyOnce.Do(func() {
		for _, name := range []string{stNew, stPreLatest, stOld, stOldLatest} {
			dir := filepath.Join(st.work, name)
			if !exists(dir) {
				continue
			}
			st.emptying.Go(func() {
				if removeFiles(dir) != nil { // what fails is Discard's to retry
					return
				}
				// A displaced folder takes its place in the spare
				// now, while the commit still waits for the disk.
				if slot := spareSlot[name]; slot != "" && !exists(filepath.Join(st.work, slot)) && os.Rename(dir, filepath.Join(st.work, slot)) == nil {
					name = slot
				}
				st.mu.Lock()
				if st.empty == nil {
					st.empty = map[string]bool{}
				}
				st.empty[name] = true
				st.mu.Unlock()
			})
		}
	})
}

// spareSlot names the folder of a spare (see leaveSpare) that each
// displaced folder becomes once emptied.
var spareSlot = map[string]string{stOld: stNew, stOldLatest: stPreLatest}

// lockPublic serialises publishing in public across processes; the
// returned function releases the lock.
func lockPublic(public string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(public, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := lockFile(f, true); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", public, err)
	}
	return func() { f.Close() }, nil
}

// cleanStages removes the stages of builds that have ended without
// removing them (killed, crashed, power cut): those whose lock nobody
// holds. It runs under the public lock, after the journal is settled, and
// touches nothing but folders named as this package names stages.
func cleanStages(public string) error {
	if !locking {
		return nil
	}
	entries, err := os.ReadDir(public)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), stagePrefix) {
			continue
		}
		work := filepath.Join(public, e.Name())
		f, err := os.OpenFile(filepath.Join(work, stLock), os.O_RDWR, 0)
		if err != nil {
			// NewStage makes the lock under the public lock, which we
			// hold, so a stage without one was abandoned while being
			// made or removed.
			if errors.Is(err, os.ErrNotExist) {
				errs = append(errs, os.RemoveAll(work))
			}
			continue
		}
		free, err := lockFile(f, false)
		if free && err == nil {
			errs = append(errs, os.RemoveAll(work))
		}
		f.Close()
	}
	return errors.Join(errs...)
}

// Reuse names folders of public/ (a version, draft, latest) whose files
// WriteFile links rather than writes again when they hold the same bytes,
// the first that does.
func (st *Stage) Reuse(names ...string) { st.reuse = names }

// WriteFile writes one file of the staged version, name being
// slash-separated and relative to Dir, and makes its folder. When a folder
// named by Reuse holds the same bytes under that name, the file becomes a
// hard link to it: nothing is written, and syncing it before the publish
// costs next to nothing, which is most of what a rebuild after a narrative
// edit saves. Published files are never changed in place (publishing only
// renames folders), so sharing them is safe; for the same reason a file
// already staged under name is replaced, never written through.
//
// After StageLatest, the file is also linked into the copy of the version
// that becomes latest/.
func (st *Stage) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("%s: not a file name inside the version", name)
	}
	if err := st.write(name, data); err != nil {
		return err
	}
	st.linkLatest(name)
	return nil
}

// write is WriteFile without the copy for latest/.
func (st *Stage) write(name string, data []byte) error {
	path := filepath.Join(st.Dir, filepath.FromSlash(name))
	st.mu.Lock()
	again, made := st.staged[path], st.dirs[filepath.Dir(path)]
	st.staged[path] = true
	st.fill(path)
	delete(st.linked, path)
	st.mu.Unlock()
	if !made {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		st.mu.Lock()
		st.dirs[filepath.Dir(path)] = true
		st.mu.Unlock()
	}
	if again {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	for _, r := range st.reuse {
		old := filepath.Join(st.public, r, filepath.FromSlash(name))
		fi, ok := holds(old, data)
		if !ok {
			continue
		}
		if os.Link(old, path) != nil {
			break // no hard links here: write
		}
		// The folder may have been replaced between the comparison and
		// the link: keep the link only if it is the file compared.
		if now, err := os.Lstat(path); err == nil && os.SameFile(fi, now) {
			st.mu.Lock()
			if st.linked == nil {
				st.linked = map[string]bool{}
			}
			st.linked[path] = true
			st.mu.Unlock()
			return nil
		}
		if err := os.Remove(path); err != nil {
			return err
		}
		break
	}
	return os.WriteFile(path, data, 0o644)
}

// holds says whether the regular file at path has exactly the bytes data,
// and returns what it found there. The file is read a piece at a time
// into a buffer kept for the next comparison: a rebuild compares every
// file of the version, a megabyte and a half.
func holds(path string, data []byte) (os.FileInfo, bool) {
	f, err := rfile.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return nil, false
	}
	buf := holdsBuffers.Get().(*[]byte)
	defer holdsBuffers.Put(buf)
	for {
		n, err := io.ReadFull(f, *buf)
		if n > len(data) || !bytes.Equal((*buf)[:n], data[:n]) {
			return nil, false
		}
		data = data[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return fi, len(data) == 0
		case err != nil:
			return nil, false
		}
	}
}

// holdsBuffers are holds' buffers.
var holdsBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// A version that is the newest is published with latest/ a copy of it:
// hard links to its files, in folders of their own. Publish makes that
// copy (linkTree) once the last file is rendered, a link per file and a
// folder per folder on the way to publishing. After StageLatest, WriteFile
// makes it as the files are staged instead, beside the rendering, and
// Publish takes it when it holds exactly the version's files.

// stPreLatest is the copy StageLatest makes, inside the stage.
const stPreLatest = "pre-latest"

// StageLatest makes WriteFile also link each file it stages into a copy
// of the version for latest/. Publish uses the copy when the version is
// the newest and the copy holds exactly its files, and otherwise makes
// latest/ as it does without; a draft, never copied to latest/, does not
// need it.
func (st *Stage) StageLatest() {
	st.mu.Lock()
	st.preLatest = true
	st.mu.Unlock()
}

// linkLatest links the staged file name into the copy for latest/. A
// failure spoils the copy (Publish then makes latest/ itself), never the
// write.
func (st *Stage) linkLatest(name string) {
	st.mu.Lock()
	on := st.preLatest && !st.preSpoiled
	to := filepath.Join(st.work, stPreLatest, filepath.FromSlash(name))
	made := st.dirs[filepath.Dir(to)]
	st.mu.Unlock()
	if !on {
		return
	}
	var err error
	if !made {
		err = os.MkdirAll(filepath.Dir(to), 0o755)
	}
	if err == nil {
		from := filepath.Join(st.Dir, filepath.FromSlash(name))
		// A file staged again replaces its copy.
		if err = os.Link(from, to); errors.Is(err, fs.ErrExist) {
			if err = os.Remove(to); err == nil {
				err = os.Link(from, to)
			}
		}
	}
	st.mu.Lock()
	st.dirs[filepath.Dir(to)] = st.dirs[filepath.Dir(to)] || !made && err == nil
	st.preSpoiled = st.preSpoiled || err != nil
	if err == nil {
		st.fill(to)
		if st.preLinked == nil {
			st.preLinked = map[string]bool{}
		}
		st.preLinked[name] = true
	}
	st.mu.Unlock()
}

// stagedLatest makes the copy StageLatest made the stage's new latest/
// when it holds exactly the files of the staged version; ok is false when
// there is no such copy. The folders of the new latest/ are left for
// commit to sync (see Stage.unsynced).
//
// The copy holds a link to each file WriteFile staged, made as the file
// was (a failure spoils it, a file staged again is linked again), so it
// is the version's copy when every file of the version was staged by
// WriteFile: the version's folder is listed, not compared file by file,
// to find a file that reached it another way (the paper appendix).
func (st *Stage) stagedLatest() (ok bool, err error) {
	st.mu.Lock()
	on := st.preLatest && !st.preSpoiled && len(st.preLinked) == len(st.staged)
	st.mu.Unlock()
	pre := filepath.Join(st.work, stPreLatest)
	if !on || !exists(pre) || !exists(st.Dir) || !st.onlyStaged() {
		return false, nil
	}
	latest := filepath.Join(st.work, stLatest)
	if os.Rename(pre, latest) != nil {
		return false, nil
	}
	return true, st.syncLater(latest, false)
}

// errUnstaged stops onlyStaged's walk at a file WriteFile did not stage.
var errUnstaged = errors.New("a file not staged by WriteFile")

// onlyStaged says whether every file in the staged version's folder was
// staged by WriteFile, and is still there.
func (st *Stage) onlyStaged() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := 0
	err := filepath.WalkDir(st.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !st.staged[p] {
			return errUnstaged
		}
		n++
		return nil
	})
	return err == nil && n == len(st.staged)
}

package site

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Making a folder is among the slowest things a file system does (it
// allocates an inode and a block, and a removal frees them): a rebuild
// made nine for its stage (the version's folders, and the same again for
// latest/'s copy) and removed as many with the folders it displaced,
// several milliseconds on a virtual disk. So a build leaves the folders
// it displaced, emptied of their files, to the next build's stage:
//
//	public/.moocreport-spare/new/…         the displaced version's folders
//	public/.moocreport-spare/pre-latest/…  the displaced latest/'s folders
//	public/.moocreport-spare/lock          the stage's lock file, empty
//
// The next stage is that folder renamed, its own folders already made;
// Publish removes those it left empty. The spare holds folders and
// nothing else but the lock: a spare with a file in a folder (or anything
// unexpected) is removed, never used, so nothing in it can reach a
// published version.
const spareName = ".moocreport-spare"

// takeSpare renames the folders an earlier build left (spareName) into a
// new stage and lists the stage's folders, deepest first; work is "" when
// there are none to take. It runs under the public lock.
func takeSpare(public string) (work string, dirs []string) {
	spare := filepath.Join(public, spareName)
	var rels []string
	err := filepath.WalkDir(spare, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(spare, p)
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if rel == stLock && d.Type().IsRegular() {
			return nil
		}
		if !d.IsDir() || rel != "." && top != stNew && top != stPreLatest {
			return errNotSpare
		}
		rels = append(rels, rel)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		os.RemoveAll(spare)
		return "", nil
	}
	work = filepath.Join(public, stagePrefix+strconv.FormatUint(rand.Uint64(), 36))
	if os.Rename(spare, work) != nil {
		return "", nil
	}
	for _, rel := range rels {
		dirs = append(dirs, filepath.Join(work, rel))
	}
	slices.Reverse(dirs) // a walk lists a folder before what it holds
	return work, dirs
}

// errNotSpare stops takeSpare's walk at what a spare does not hold.
var errNotSpare = errors.New("not a spare folder")

// leaveSpare leaves the stage's folders, emptied by emptyFolders, to the
// next build (see spareName): the version's folder that was not published
// or else the displaced version, latest/'s copy that was not taken or
// else the displaced latest/. It reports false, leaving the stage to
// Discard, when a folder could not be emptied, the stage holds anything
// else, or another build left a spare already.
func (st *Stage) leaveSpare() bool {
	unlock, err := lockPublic(st.public)
	if err != nil {
		return false
	}
	defer unlock()
	spare := filepath.Join(st.public, spareName)
	entries, err := os.ReadDir(st.work)
	if err != nil || exists(spare) {
		return false
	}
	st.mu.Lock()
	empty := st.empty
	st.mu.Unlock()
	for _, e := range entries {
		if e.Name() != stLock && !empty[e.Name()] {
			return false
		}
	}
	for _, slot := range [][2]string{{stNew, stOld}, {stPreLatest, stOldLatest}} {
		if !empty[slot[0]] && empty[slot[1]] {
			if os.Rename(filepath.Join(st.work, slot[1]), filepath.Join(st.work, slot[0])) != nil {
				return false
			}
		} else if empty[slot[1]] && os.RemoveAll(filepath.Join(st.work, slot[1])) != nil {
			return false
		}
	}
	// The stage's lock stays, for the next stage: under the public lock,
	// no build looks for it before it is a stage's again.
	if os.Rename(st.work, spare) != nil {
		return false
	}
	st.lock.Close()
	st.lock = nil
	return true
}

// pruneSpared removes the folders of a stage made of a spare that the
// build did not fill, from the staged version and latest/'s copy, so
// that a version holds no folder its build did not make. A folder
// WriteFile wrote into is kept without a look; another is removed only
// if empty (what a renderer wrote around WriteFile keeps its folder).
func (st *Stage) pruneSpared() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, dir := range st.spared { // deepest first
		if st.filled[dir] || dir == st.Dir || dir == filepath.Join(st.work, stPreLatest) {
			continue
		}
		if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) && !nonEmpty(dir) {
			return err
		}
	}
	return nil
}

// nonEmpty says whether the folder dir holds anything.
func nonEmpty(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(1)
	return len(names) > 0
}

// fill records that a file was staged at path, so that its folders are
// kept (see pruneSpared). st.mu must be held.
func (st *Stage) fill(path string) {
	if len(st.spared) == 0 {
		return
	}
	if st.filled == nil {
		st.filled = map[string]bool{}
	}
	for dir := filepath.Dir(path); len(dir) > len(st.work) && !st.filled[dir]; dir = filepath.Dir(dir) {
		st.filled[dir] = true
	}
}

// removeFiles removes every file under root, at any depth, and leaves
// its folders.
func removeFiles(root string) error {
	var errs []error
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			errs = append(errs, os.Remove(p))
		}
		return err
	})
	return errors.Join(append(errs, err)...)
}

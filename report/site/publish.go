package site

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/moocreport/moocreport/report/study"
)

// ErrChanged is returned when a published version would change.
var ErrChanged = errors.New("version already published with different content")

// ChangedError says which files of a published version a build would
// change. It matches ErrChanged with errors.Is.
type ChangedError struct {
	Dir     string // public/<version>
	Version string
	Diff    []string // relative paths, as Diff lists them
}

// Error names the version's folder and up to five of the changed files.
func (e *ChangedError) Error() string {
	diff, more := e.Diff, ""
	if len(diff) > 5 {
		more = fmt.Sprintf(" and %d more", len(diff)-5)
		diff = diff[:5]
	}
	return fmt.Sprintf("%s: %v (%s%s)", e.Dir, ErrChanged, strings.Join(diff, ", "), more)
}

// Is makes errors.Is(err, ErrChanged) true.
func (e *ChangedError) Is(target error) bool { return target == ErrChanged }

// Outcome says what Publish did.
type Outcome int

// Outcomes of Publish.
const (
	Published Outcome = iota // a new version
	Unchanged                // identical to the published version: nothing written
	Replaced                 // different, replaced because force was set
)

// String says what happened, for the build's summary.
func (o Outcome) String() string {
	return [...]string{"published", "unchanged (identical to the published version)", "replaced (-force)"}[o]
}

// IndexFunc renders public/index.html for the given versions, newest
// first.
type IndexFunc func(versions []Manifest) ([]byte, error)

// Publish makes the stage's version public/<version>, with index.html
// listing it and latest/ a copy of the newest version, all or nothing. A
// version that exists with identical files is left as it is; with
// different files it is replaced only when force is set, otherwise the
// error is a *ChangedError. The stage must hold manifest.json naming
// version.
//
// latest/ is a copy, not a symbolic link, so the tree survives being
// zipped, uploaded or opened from file://; pages link relatively, so the
// copy works as it is. Its files are hard links to the version's (copies
// where the file system cannot link): published files are never changed
// in place, only replaced by renaming folders, so sharing them is safe and
// publishing does not write and sync every file twice.
func Publish(st *Stage, version string, force bool, index IndexFunc) (Outcome, error) {
	if err := study.CheckVersion(version); err != nil {
		return 0, err
	}
	unlock, err := lockPublic(st.public)
	if err != nil {
		return 0, err
	}
	defer unlock()
	if err := recoverLocked(st.public); err != nil {
		return 0, err
	}
	if err := st.pruneSpared(); err != nil {
		return 0, err
	}
	out, err := outcome(st, version, force)
	if err != nil {
		return 0, err
	}
	m, err := readManifestHead(st.Dir)
	if err != nil || m.Version != version {
		return 0, fmt.Errorf("%s: the staged version has no manifest naming version %s (%v)", st.Dir, version, err)
	}
	if out == Unchanged {
		if err := os.RemoveAll(st.Dir); err != nil {
			return 0, err
		}
	}
	if err := st.prepare(*m, index); err != nil {
		return 0, err
	}
	return out, st.commit(version)
}

// outcome compares the staged version with the published one.
func outcome(st *Stage, version string, force bool) (Outcome, error) {
	target := filepath.Join(st.public, version)
	if !exists(target) {
		return Published, nil
	}
	if m, err := readManifestHead(target); err != nil || m.Version != version {
		return 0, fmt.Errorf("%s exists but is not a published version of this study (no manifest.json naming %s): move it away, or change version in study.yaml", target, version)
	}
	if force { // only whether it changed: no list of what did
		same, err := Same(target, st.Dir)
		if err != nil {
			return 0, err
		}
		if same {
			return Unchanged, nil
		}
		return Replaced, nil
	}
	diff, err := Diff(target, st.Dir)
	if err != nil {
		return 0, err
	}
	if len(diff) == 0 {
		return Unchanged, nil
	}
	return 0, &ChangedError{Dir: target, Version: version, Diff: diff}
}

// prepare writes into the stage, completely, the index.html and latest/
// that publishing m will need, where they differ from what is published.
// Until commit, public/ is untouched: a full disk fails here.
func (st *Stage) prepare(m Manifest, index IndexFunc) error {
	versions, err := Versions(st.public)
	if err != nil {
		return err
	}
	var all []Manifest
	for _, v := range versions {
		if v.Version != m.Version {
			all = append(all, v)
		}
	}
	all = append(all, m)
	sortVersions(all)
	b, err := index(all)
	if err != nil {
		return err
	}
	if cur, err := os.ReadFile(filepath.Join(st.public, Index)); err != nil || !bytes.Equal(cur, b) {
		if err := writeNew(filepath.Join(st.work, stIndex), b); err != nil {
			return err
		}
		if err := st.syncLater(filepath.Join(st.work, stIndex), false); err != nil {
			return err
		}
	}
	crash("index staged")
	src := filepath.Join(st.public, all[0].Version)
	if all[0].Version == m.Version && exists(st.Dir) {
		src = st.Dir
	}
	latest := filepath.Join(st.public, Latest)
	if exists(latest) {
		if same, err := Same(latest, src); err == nil && same {
			return nil
		}
	}
	if src == st.Dir {
		if ok, err := st.stagedLatest(); ok || err != nil {
			crash("latest staged")
			return err
		}
	}
	if err := linkTree(src, filepath.Join(st.work, stLatest)); err != nil {
		return err
	}
	crash("latest staged")
	return st.syncLater(filepath.Join(st.work, stLatest), true)
}

// commit swaps the stage's new state into public/ under a journal; target
// is the folder the stage's version becomes.
func (st *Stage) commit(target string) error {
	pending := false
	for _, name := range []string{stNew, stLatest, stIndex} {
		pending = pending || exists(filepath.Join(st.work, name))
	}
	if !pending {
		return nil
	}
	var paths []string
	if exists(st.Dir) {
		var err error
		if paths, err = treePaths(st.Dir, st.linked); err != nil {
			return err
		}
	}
	// The journal is written beside the stage's files and synced with
	// them, so that naming it (begin) waits for one sync, of the folder.
	j := journal{Stage: filepath.Base(st.work), Target: target}
	jpath := filepath.Join(st.work, stJournal)
	if err := writeJournal(jpath, j); err != nil {
		return err
	}
	if err := syncAll(append(append(paths, st.unsynced...), jpath)); err != nil {
		return err
	}
	crash("synced")
	return begin(st.public, jpath, j, st.emptyFolders)
}

// PublishDraft makes the stage's version public/draft, replacing whatever
// draft was there. A draft is not a version: it is never listed in
// index.html nor copied to latest/.
func PublishDraft(st *Stage) error {
	unlock, err := lockPublic(st.public)
	if err != nil {
		return err
	}
	defer unlock()
	if err := recoverLocked(st.public); err != nil {
		return err
	}
	if err := st.pruneSpared(); err != nil {
		return err
	}
	draft := filepath.Join(st.public, Draft)
	if exists(draft) {
		if same, err := Same(draft, st.Dir); err == nil && same {
			return nil
		}
	}
	return st.commit(Draft)
}

package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/moocreport/moocreport/report/study"
)

// journal is the commit record of one publish: which stage holds the
// complete new state and which folder of public/ it replaces. It is
// written only once the stage holds everything, and removed once every
// rename is done, so its presence means "roll this forward".
type journal struct {
	Stage  string `json:"stage"`  // the stage folder's name in public/
	Target string `json:"target"` // the version folder's name, or draft
}

// crash is called at every point of the publish sequence where a process
// could die; tests replace it to kill the process there.
var crash = func(point string) {}

// Recover finishes a publish that a crashed build left half done and
// removes the stages of builds that are no longer running. Every publish
// and every new stage does this first; Recover is for tools that only
// read public/.
func Recover(public string) error {
	if !exists(public) {
		return nil
	}
	unlock, err := lockPublic(public)
	if err != nil {
		return err
	}
	defer unlock()
	return recoverLocked(public)
}

func recoverLocked(public string) error {
	b, err := os.ReadFile(filepath.Join(public, journalName))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	default:
		var j journal
		if err := json.Unmarshal(b, &j); err != nil || !strings.HasPrefix(j.Stage, stagePrefix) || strings.ContainsAny(j.Stage+j.Target, `/\`) || j.Target == "" {
			return fmt.Errorf("%s: an interrupted publish left this record, which cannot be read (%q); move it away after checking the folders of %s", filepath.Join(public, journalName), b, public)
		}
		crash("recover")
		if err := commit(public, j, nil); err != nil {
			return fmt.Errorf("finishing the publish of %s that an earlier build left half done: %w", j.Target, err)
		}
	}
	if err := restoreStranded(public); err != nil {
		return err
	}
	return cleanStages(public)
}

// restoreStranded puts back a version that moocreport v0.1.0 left as
// "<version>.old" when it was killed while replacing it with -force (it
// renamed the version aside, then the new one in). Such a folder is known
// by its manifest naming the version without ".old", with no folder of
// that name beside it; a version truly named "1.0.old" names itself.
func restoreStranded(public string) error {
	entries, err := os.ReadDir(public)
	if err != nil {
		return err
	}
	for _, e := range entries {
		v, ok := strings.CutSuffix(e.Name(), ".old")
		if !ok || !e.IsDir() || study.CheckVersion(v) != nil || exists(filepath.Join(public, v)) {
			continue
		}
		if m, err := ReadManifest(filepath.Join(public, e.Name())); err != nil || m.Version != v {
			continue
		}
		if err := os.Rename(filepath.Join(public, e.Name()), filepath.Join(public, v)); err != nil {
			return fmt.Errorf("restoring version %s, left as %s by an interrupted build: %w", v, e.Name(), err)
		}
	}
	return nil
}

// writeJournal writes j into a new file at path, not synced: the stage
// syncs it with the version (Stage.commit), then begin names it.
func writeJournal(path string, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	return writeNew(path, b)
}

// begin makes the journal written and synced at path (writeJournal) the
// journal, by renaming it in public: from here on, the publish is
// finished by whoever comes next if this process dies. moved is commit's.
func begin(public, path string, j journal, moved func()) error {
	if err := os.Rename(path, filepath.Join(public, journalName)); err != nil {
		return err
	}
	if err := syncDir(public); err != nil {
		return err
	}
	crash("journal written")
	return commit(public, j, moved)
}

// commit moves the stage's new state into public/ and removes the journal.
// Each step checks what is already done, so repeating commit after a crash
// at any point finishes the job without undoing or losing anything: a
// displaced folder is moved into the stage, never deleted here. moved,
// when not nil, is called once every folder is in place, before the
// renames are synced: what it starts (emptying the displaced folders in
// the stage, see Stage.commit) overlaps the wait for the disk.
//
// The journal's removal is not synced: if it is lost, the next build finds
// the journal and repeats this commit, which has nothing left to do but
// remove it; and a later journal is written under the same name with its
// folder synced, which makes this removal durable first.
func commit(public string, j journal, moved func()) error {
	work := filepath.Join(public, j.Stage)
	moves := []struct{ from, to, aside string }{
		{filepath.Join(work, stNew), filepath.Join(public, j.Target), filepath.Join(work, stOld)},
		{filepath.Join(work, stLatest), filepath.Join(public, Latest), filepath.Join(work, stOldLatest)},
	}
	for _, m := range moves {
		if !exists(m.from) {
			continue
		}
		if exists(m.to) {
			if exists(m.aside) {
				return fmt.Errorf("%s and %s both exist beside %s: not replacing either", m.to, m.aside, m.from)
			}
			if err := os.Rename(m.to, m.aside); err != nil {
				return err
			}
			crash("set aside " + filepath.Base(m.from))
		}
		if err := os.Rename(m.from, m.to); err != nil {
			return err
		}
		crash("moved in " + filepath.Base(m.from))
	}
	if idx := filepath.Join(work, stIndex); exists(idx) {
		if err := os.Rename(idx, filepath.Join(public, Index)); err != nil {
			return err
		}
		crash("moved in index")
	}
	if moved != nil {
		moved()
	}
	if err := syncDir(public); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(public, journalName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	crash("journal removed")
	return nil
}

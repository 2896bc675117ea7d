package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
		if err := commit(public, j); err != nil {
			return fmt.Errorf("finishing the publish of %s that an earlier build left half done: %w", j.Target, err)
		}
	}
	return cleanStages(public)
}

// begin writes the journal: from here on, the publish is finished by
// whoever comes next if this process dies.
func begin(public string, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := WriteFile(filepath.Join(public, journalName), b); err != nil {
		return err
	}
	crash("journal written")
	return commit(public, j)
}

// commit moves the stage's new state into public/ and removes the journal.
// Each step checks what is already done, so repeating commit after a crash
// at any point finishes the job without undoing or losing anything: a
// displaced folder is moved into the stage, never deleted here.
func commit(public string, j journal) error {
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
	if err := syncDir(public); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(public, journalName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	crash("journal removed")
	return syncDir(public)
}

// Package scaffold writes a new study from a folder of raw exports: a
// commented study.yaml whose every guess says what it saw, a content/
// folder with one stub per report section, and a .gitignore.
//
// It uses report/detect to tell what each file is, then reads the files
// it needs whole: the tracking logs for course ids, start dates and
// lengths; the edX reports for learner ids and the pass mark; the survey
// exports (and a Qualtrics .qsf beside one) for questions, their types
// and the column that links a response to a learner. It never reads
// learner data into its output: study.yaml holds column names, question
// texts and answer labels, no usernames or ids. The YAML text is made
// deterministically (sorted, stable) from the exports and Options.
package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report/detect"
)

// Options say where the exports are and where the study goes.
type Options struct {
	// Exports is the folder of raw exports.
	Exports string
	// StudyDir is where study.yaml is written; its source paths are
	// relative to it.
	StudyDir string
	// Salt is the pseudonymisation key written into study.yaml (the CLI
	// makes a random one); it is the only input not read from the exports.
	Salt string
}

// Plan is the study init proposes, before it is written.
type Plan struct {
	opt         Options
	Files       []detect.Result
	Courses     []*Course
	Surveys     []*Survey
	Scales      []*Scale
	Comparisons []*Comparison
	// Notes are what init tells the user beside study.yaml: files it did
	// not use and why, guesses to check.
	Notes []Note
	ids   map[string]*learnerIDs // by course id
}

// Note is one remark about one file.
type Note struct {
	Path, Text string
}

// learnerIDs are the ids of a course's learners in the exports, to find
// the survey column that links responses. Personal data: they never reach
// the study file.
type learnerIDs struct {
	usernames, userIDs, emails map[string]bool
}

// Inspect reads the exports and proposes a study.
func Inspect(opt Options) (*Plan, error) {
	files, err := detect.Dir(opt.Exports)
	if err != nil {
		return nil, err
	}
	files = ownFolders(opt, files)
	p := &Plan{opt: opt, Files: files, ids: map[string]*learnerIDs{}}
	byFormat := map[string][]detect.Result{}
	for _, f := range files {
		if f.Kind == detect.Unknown {
			p.note(f.Path, "not recognised: %s", f.Why)
			continue
		}
		if f.Kind == detect.Unread {
			p.note(f.Path, "recognised (%s) but not used: %s", f.Format, f.Saw)
			continue
		}
		byFormat[f.Format] = append(byFormat[f.Format], f)
	}
	p.courses(byFormat)
	p.surveys(byFormat)
	p.proposeScales()
	p.proposeComparisons()
	sort.Slice(p.Notes, func(i, j int) bool {
		a, b := p.Notes[i], p.Notes[j]
		return a.Path < b.Path || a.Path == b.Path && a.Text < b.Text
	})
	return p, nil
}

// Unrecognised lists the files no format family took.
func (p *Plan) Unrecognised() []detect.Result {
	var out []detect.Result
	for _, f := range p.Files {
		if f.Kind == detect.Unknown {
			out = append(out, f)
		}
	}
	return out
}

func (p *Plan) note(path, format string, args ...any) {
	p.Notes = append(p.Notes, Note{Path: path, Text: fmt.Sprintf(format, args...)})
}

// abs is the file system path of an export's path relative to Exports.
func (p *Plan) abs(rel string) string {
	return filepath.Join(p.opt.Exports, filepath.FromSlash(rel))
}

// studyPath turns a glob-escaped path relative to Exports into one
// relative to StudyDir, as study.yaml wants it.
func (p *Plan) studyPath(rel string) string {
	root, err := filepath.Abs(p.opt.Exports)
	if err == nil {
		if dir, err2 := filepath.Abs(p.opt.StudyDir); err2 == nil {
			if r, err3 := filepath.Rel(dir, root); err3 == nil {
				root = r
			}
		}
	}
	prefix := globEscape(filepath.ToSlash(root))
	if prefix == "." {
		return rel
	}
	return prefix + "/" + rel
}

func (p *Plan) learners(courseID string) *learnerIDs {
	ids := p.ids[courseID]
	if ids == nil {
		ids = &learnerIDs{usernames: map[string]bool{}, userIDs: map[string]bool{}, emails: map[string]bool{}}
		p.ids[courseID] = ids
	}
	return ids
}

// globOnly reports whether pattern (relative to Exports) matches only
// files in want.
func (p *Plan) globOnly(pattern string, want map[string]bool) bool {
	m, err := filepath.Glob(filepath.Join(p.opt.Exports, filepath.FromSlash(pattern)))
	if err != nil || len(m) == 0 {
		return false
	}
	for _, f := range m {
		rel, err := filepath.Rel(p.opt.Exports, f)
		if err != nil || !want[filepath.ToSlash(rel)] {
			return false
		}
	}
	return true
}

// globEscape makes a literal path safe as a glob: ingest expands every
// source path as one.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// exists reports whether a file exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// ownFolders drops a study's own folders (the published site, the
// narrative, templates) from the files when the exports lie in the study
// folder itself: they are outputs and writing, not exports.
func ownFolders(opt Options, files []detect.Result) []detect.Result {
	a, err1 := filepath.Abs(opt.Exports)
	b, err2 := filepath.Abs(opt.StudyDir)
	if err1 != nil || err2 != nil || a != b {
		return files
	}
	var out []detect.Result
	for _, f := range files {
		top, _, _ := strings.Cut(f.Path, "/")
		if top == "public" || top == "content" || top == "templates" {
			continue
		}
		out = append(out, f)
	}
	return out
}

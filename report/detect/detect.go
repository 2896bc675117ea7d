// Package detect recognises raw exports by their content, never by their
// name: an edX report renamed by a browser download, a tracking log
// without its date suffix or a survey saved as .txt is still what it is.
//
// Each format family has one function that looks at a Sample (the first
// bytes of a file, decoded) and returns a Match: the format it saw, how
// sure it is and, in words, what made it think so. File runs them all and
// keeps the surest; Dir walks a folder. These functions are the Detect half
// of ingest's format registry (each ingest.Format names its family): they
// decide what a file is, not what it holds, and never read further than
// the sample (report/scaffold reads the files it needs whole). The package reads no YAML and writes nothing.
package detect

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Kind says what role a recognised file plays in a study.
type Kind int

// The kinds of file Detect tells apart.
const (
	// Unknown is a file no family recognised.
	Unknown Kind = iota
	// Source is a course source: its Format is one of study.Formats.
	Source
	// Survey is a survey export: its Format is one of study.SurveyFormats.
	Survey
	// Definition is a survey's definition (a Qualtrics .qsf), read beside
	// its export.
	Definition
	// Unread is an edX export recognised for what it is but that
	// moocreport has no reader for (e.g. the grades_persistentcoursegrade
	// table).
	Unread
)

// String names the kind in the words init prints.
func (k Kind) String() string {
	return [...]string{"not recognised", "course source", "survey", "survey definition", "recognised, not read"}[k]
}

// Match is one family's verdict on a sample.
type Match struct {
	Kind Kind
	// Format is the study.yaml format name ("edx-profile", "qualtrics",
	// …), "qsf" for a Qualtrics survey definition, or for Unread files
	// the table or report it is.
	Format string
	// Confidence is 0 (not this family) to 1 (every marker present).
	Confidence float64
	// Saw says in a sentence what was seen: the header, the table name,
	// the course ids.
	Saw string
	// Layout refines Format where a format has several shapes:
	// "3-row", "legacy 2-row" for Qualtrics; "TSV", "MySQL dump" for
	// research-data-package tables.
	Layout string
	// CourseIDs are the course ids seen in the sample, sorted.
	CourseIDs []string
}

// Family is one format family's detector.
type Family func(*Sample) Match

// Families are the detectors File runs, most specific first: a tie in
// confidence goes to the earlier one.
var Families = []Family{EdXReport, TrackingLog, RDPTable, CourseBlocks, QualtricsDefinition, SurveyExport}

// Result is what File or Dir found for one file.
type Result struct {
	// Path is the file's path, slash-separated, relative to the folder
	// Dir walked (as given to File otherwise).
	Path string
	Match
	// Folder is set on the files of an OULAD folder: the folder's path,
	// which is the source study.yaml names.
	Folder string
	// Why says, for an Unknown file, why no family took it.
	Why string
}

// File reads the start of the file at path and returns the surest match.
func File(path string) Result {
	s, err := ReadSample(path)
	if err != nil {
		return Result{Path: path, Why: err.Error()}
	}
	return classify(s)
}

// classify runs every family on s.
func classify(s *Sample) Result {
	r := Result{Path: s.Path}
	if s.Binary {
		r.Why = "binary content, not a text export"
		return r
	}
	for _, f := range Families {
		if m := f(s); m.Confidence > r.Confidence {
			r.Match = m
		}
	}
	if r.Confidence < 0.5 {
		r.Match = Match{}
		r.Why = s.describe()
	}
	return r
}

// Dir walks root (nested folders included, hidden ones skipped) and
// classifies every file, in path order. An OULAD folder is recognised as a
// whole: each of its files gets Format "oulad" and the folder's path.
func Dir(root string) ([]Result, error) {
	var out []Result
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if m, ok := OULADFolder(p); ok {
				files, _ := os.ReadDir(p)
				for _, f := range files {
					if f.IsDir() || strings.HasPrefix(f.Name(), ".") {
						continue
					}
					r := Result{Path: joinRel(rel, f.Name()), Folder: rel, Match: m}
					if !isOULADTable(f.Name()) {
						// Not one of the seven tables: classify it on its own.
						r = File(filepath.Join(p, f.Name()))
						r.Path = joinRel(rel, f.Name())
					}
					out = append(out, r)
				}
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		r := File(p)
		r.Path = rel
		out = append(out, r)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

func joinRel(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

// confidence is the share of markers seen, for families that count them.
func confidence(seen, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(seen) / float64(of)
}

// list writes up to n items of a list for a Saw sentence.
func list(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s, … (%d in all)", strings.Join(items[:n], ", "), len(items))
}

package ingest

import (
	"fmt"
	"io"
	"slices"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// Format is one raw export format ingest reads: its study.yaml name, how
// to recognise it by content, and how to read it. Each format family
// registers its formats from its own file (formatedx.go, formatrdp.go, …),
// so adding a format is adding one file; Load looks formats up here and
// holds no list of its own. study.Formats and study.SurveyFormats must
// name the same formats (TestFormatsMatchStudy): study cannot import
// ingest, which depends on it.
type Format struct {
	// Name is the format: value of a source or survey in study.yaml.
	Name string
	// Kind is detect.Source for a course source, detect.Survey for a
	// survey export.
	Kind detect.Kind
	// Detect is the report/detect family that recognises a file of this
	// format by its content (the one `moocreport init` runs); nil for a
	// format detect has no family for (tables moocreport itself writes,
	// the anonymized-id CSV) or that is a folder (DetectFolder).
	Detect detect.Family
	// DetectFolder recognises a format that is a folder of files (OULAD).
	DetectFolder func(dir string) (detect.Match, bool)

	// order places a course source's pass among the others: Load reads
	// every course's sources of a format before those of a format with a
	// higher order (see the families' files for why each comes where).
	order int
	// read reads a course source whose path matched files.
	read func(l *loader, c *Course, key string, src study.Source, files []string)
	// byCourse marks a pass whose reading of one course touches only
	// that course's Course and the dataset's plain lists (learners,
	// grades): Load reads the courses at once (see parallelSources).
	byCourse bool
	// readAll, set instead of read, reads every source of the format in
	// the study at once (an OULAD folder serves several courses).
	readAll func(l *loader, courses map[string]*Course)
	// readSurvey reads one file of a survey export.
	readSurvey func(r io.Reader, file string, sv study.Survey, c *Course) ([]report.Response, error)
}

// formats holds every registered format by name.
var formats = map[string]*Format{}

// register adds f to the registry; a name registered twice is a
// programming error.
func register(f Format) {
	if _, dup := formats[f.Name]; dup {
		panic(fmt.Sprintf("ingest: format %q registered twice", f.Name))
	}
	formats[f.Name] = &f
}

// LookupFormat returns the registered format named name of kind k, or nil.
func LookupFormat(name string, k detect.Kind) *Format {
	if f := formats[name]; f != nil && f.Kind == k {
		return f
	}
	return nil
}

// sourcePasses returns the course source formats in the order Load reads
// them.
func sourcePasses() []*Format {
	var fs []*Format
	for _, f := range formats {
		if f.Kind == detect.Source {
			fs = append(fs, f)
		}
	}
	slices.SortFunc(fs, func(a, b *Format) int { return a.order - b.order })
	return fs
}

// eachFile reads every file of names with read.
func (l *loader) eachFile(names []string, read func(name string, r io.Reader) error) {
	for _, name := range names {
		l.readFile(name, func(r io.Reader) error { return read(name, r) })
	}
}

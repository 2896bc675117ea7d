package ingest

import (
	"io"
	"sort"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// Entry points for this package's tests alone: a study reaches these
// readers through Load and the format registry.

// ReadProblemGrades reads one problem grade report of course c into
// per-problem statistics, as Load does for a course with one such file.
func ReadProblemGrades(r io.Reader, file string, c *Course) ([]report.ProblemStat, error) {
	acc := newProblemAttempts()
	if err := readProblemGrades(r, file, c, acc); err != nil {
		return nil, err
	}
	return acc.stats(c.Key), nil
}

// FormatNames lists the names of the registered formats of kind k, sorted.
func FormatNames(k detect.Kind) []string {
	var names []string
	for name, f := range formats {
		if f.Kind == k {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// LoadMetered is Load, counting what it reads on m (nil counts nothing).
func LoadMetered(s *study.Study, m *Meter) (*report.Dataset, error) { return LoadWith(s, m, nil) }

// ReadTracking reads one tracking log, gzipped or plain JSON lines, for
// course c. Up to opt.MaxBadLines of a file's lines may be malformed (a
// crash can leave a torn line); more is an error naming the first.
func ReadTracking(r io.Reader, file string, c *Course, opt TrackingOptions) (*Tracking, error) {
	return readLogs([]logSource{{name: file, open: func() (io.ReadCloser, error) { return io.NopCloser(r), nil }}}, c, opt)
}

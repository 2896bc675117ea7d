package ingest

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// TestFormatsMatchStudy: study.yaml validation (report/study, which cannot
// import ingest) accepts exactly the formats the registry reads.
func TestFormatsMatchStudy(t *testing.T) {
	for _, tc := range []struct {
		kind  detect.Kind
		study []string
	}{{detect.Source, study.Formats}, {detect.Survey, study.SurveyFormats}} {
		want := slices.Sorted(slices.Values(tc.study))
		if got := FormatNames(tc.kind); !slices.Equal(got, want) {
			t.Errorf("%v formats: registry %q, study %q", tc.kind, got, want)
		}
	}
}

// TestFormatsWellFormed: every format can be read and, for a course
// source, has its own place in the order Load reads them.
func TestFormatsWellFormed(t *testing.T) {
	orders := map[int]string{}
	for name, f := range formats {
		switch f.Kind {
		case detect.Source:
			if (f.read == nil) == (f.readAll == nil) {
				t.Errorf("%s: want exactly one of read and readAll", name)
			}
			if other, dup := orders[f.order]; dup {
				t.Errorf("%s: order %d is %s's too: which is read first would depend on map order", name, f.order, other)
			}
			orders[f.order] = name
		case detect.Survey:
			if f.readSurvey == nil {
				t.Errorf("%s: survey format without readSurvey", name)
			}
		default:
			t.Errorf("%s: kind %v is neither a source nor a survey", name, f.Kind)
		}
		if f.Detect != nil && !slices.ContainsFunc(detect.Families, func(d detect.Family) bool {
			return reflect.ValueOf(d).Pointer() == reflect.ValueOf(f.Detect).Pointer()
		}) {
			t.Errorf("%s: its Detect is not one of detect.Families, so init would not run it", name)
		}
	}
}

// TestFormatsDetectFixtures: every fixture and real export report/detect
// recognises is a registered format of the kind detect says, whose own
// Detect (or DetectFolder) recognises it too; and every format with a
// detector is met at least once.
func TestFormatsDetectFixtures(t *testing.T) {
	seen := map[string]bool{}
	for _, root := range []string{"testdata", filepath.Join("..", "..", "..", "shared", "realdata")} {
		results, err := detect.Dir(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Kind != detect.Source && r.Kind != detect.Survey {
				continue
			}
			f := LookupFormat(r.Format, r.Kind)
			if f == nil {
				t.Errorf("%s: detected as %v %q, which is not registered", r.Path, r.Kind, r.Format)
				continue
			}
			seen[f.Name] = true
			var m detect.Match
			if r.Folder != "" && f.DetectFolder != nil {
				m, _ = f.DetectFolder(filepath.Join(root, filepath.FromSlash(r.Folder)))
			} else if f.Detect != nil {
				s, err := detect.ReadSample(filepath.Join(root, filepath.FromSlash(r.Path)))
				if err != nil {
					t.Fatal(err)
				}
				m = f.Detect(s)
			}
			if m.Format != r.Format {
				t.Errorf("%s: detected as %q, the format's own detector says %q", r.Path, r.Format, m.Format)
			}
		}
	}
	for name, f := range formats {
		if (f.Detect != nil || f.DetectFolder != nil) && !seen[name] {
			t.Errorf("%s: no fixture or real export detected as it", name)
		}
	}
}

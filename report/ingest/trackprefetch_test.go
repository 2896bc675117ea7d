package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
	"github.com/moocreport/moocreport/report/study"
)

// forgetfulMemo is a Memo that never recalls anything: a load with it
// reads every tracking source in its turn, as a load without the
// prefetch did.
type forgetfulMemo struct{}

func (forgetfulMemo) Recall(kind, key string, v any) bool { return false }
func (forgetfulMemo) Keep(kind, key string, v any)        {}

// TestPrefetchedTracking: reading the tracking logs ahead, beside the
// profiles and grade reports, gives the dataset, and the errors in the
// order, that reading them in their turn gives: for the example study,
// for the tiny one (whose logs name learners by username only, looked
// up in the profile), with the username first, and with a missing
// profile and a damaged log together.
func TestPrefetchedTracking(t *testing.T) {
	root := fixture.RepoRoot(t)
	tiny, err := filepath.Abs("testdata/tiny")
	if err != nil {
		t.Fatal(err)
	}
	tinyYAML, err := os.ReadFile(filepath.Join(tiny, "study.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	damaged := t.TempDir()
	for _, name := range []string{"TinyX_T101_2026_grade_report.csv", "T101_pre-course_survey.csv", "logs"} {
		if err := os.Symlink(filepath.Join(tiny, name), filepath.Join(damaged, name)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(damaged, "logs2.gz"), []byte{0x1f, 0x8b, 8, 0, 0, 0}, 0o644)
	tests := []struct {
		name, dir string
		yaml      []byte
		wantErr   bool
	}{
		{"example", root, nil, false},
		{"tiny", tiny, tinyYAML, false},
		{"by username", tiny, bytes.Replace(tinyYAML, []byte(`path: "logs/tracking.log-*"`),
			[]byte("path: \"logs/tracking.log-*\"\n        learner_id: username"), 1), false},
		{"missing profile, damaged log", damaged, bytes.Replace(tinyYAML, []byte(`path: "logs/tracking.log-*"`),
			[]byte("path: \"logs/tracking.log-*\"\n      - format: edx-tracking\n        path: logs2.gz"), 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s *study.Study
			var err error
			if tt.yaml == nil {
				s, err = study.Load(filepath.Join(tt.dir, "study.yaml"))
			} else {
				s, err = study.Parse(filepath.Join(tt.dir, "study.yaml"), tt.yaml)
			}
			if err != nil {
				t.Fatal(err)
			}
			inTurn, turnErr := LoadWith(s, nil, forgetfulMemo{})
			ahead, aheadErr := Load(s)
			if (aheadErr != nil) != tt.wantErr {
				t.Fatalf("error %v; want one: %t", aheadErr, tt.wantErr)
			}
			if fmt.Sprint(turnErr) != fmt.Sprint(aheadErr) {
				t.Errorf("errors read ahead:\n%v\nin turn:\n%v", aheadErr, turnErr)
			}
			if !tt.wantErr && len(ahead.Activity) == 0 {
				t.Fatal("no activity read")
			}
			if !reflect.DeepEqual(inTurn, ahead) {
				t.Error("the dataset differs when the logs are read ahead")
			}
		})
	}
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/fixture"
)

// TestOULADExample (with -no-cache, so the repository's examples/oulad
// folder gets no cache) builds examples/oulad from the CLI on the OULAD tables
// in ../shared/realdata/oulad (beside the clone, as CI has it) and checks
// the counts that folder's SOURCE.md states. A missing folder fails the
// test, naming it, rather than skipping: the check must not quietly stop.
func TestOULADExample(t *testing.T) {
	root := fixture.RepoRoot(t)
	studyFile := filepath.Join(root, "examples", "oulad", "study.yaml")
	data := filepath.Join(filepath.Dir(root), "shared", "realdata", "oulad")
	if _, err := os.Stat(filepath.Join(data, "studentInfo.csv")); err != nil {
		t.Fatalf("OULAD tables missing: %v\nexamples/oulad/study.yaml reads ../../../shared/realdata/oulad; put the OULAD CSVs there (see examples/oulad/README.md)", err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	public := t.TempDir()
	code, stdout, stderr := moocreport(t, "build", "-no-cache", "-study", studyFile, "-public", public)
	if code != 0 {
		t.Fatalf("build exited %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	var doc struct {
		Measures []struct {
			ID       string  `json:"id"`
			Label    string  `json:"label"`
			Value    float64 `json:"value"`
			Withheld string  `json:"withheld"`
		} `json:"measures"`
	}
	readJSON(t, filepath.Join(public, "1.0.0", "measures.json"), &doc)
	// Data quality names what was not counted in readers' words: no table
	// or field names of the OULAD files.
	for _, m := range doc.Measures {
		if strings.HasPrefix(m.ID, "quality.skipped.") && (strings.Contains(m.Label, "studentInfo") || strings.Contains(m.Label, "unknown assessment")) {
			t.Errorf("%s: label %q is not in readers' words", m.ID, m.Label)
		}
	}
	sums := map[string]float64{}
	courses := map[string]bool{}
	per := regexp.MustCompile(`^([a-z]{3}-20\d\d[bj])\.(enrolled|gender\.male|gender\.female)$`)
	for _, m := range doc.Measures {
		if g := per.FindStringSubmatch(m.ID); g != nil {
			if m.Withheld != "" {
				t.Errorf("%s suppressed", m.ID)
			}
			sums[g[2]] += m.Value
			courses[g[1]] = true
		}
	}
	// SOURCE.md: 22 module presentations, 32,593 registrations; gender M
	// 17,875, F 14,718.
	want := map[string]float64{"enrolled": 32593, "gender.male": 17875, "gender.female": 14718}
	for k, w := range want {
		if sums[k] != w {
			t.Errorf("sum of <course>.%s = %v, want %v", k, sums[k], w)
		}
	}
	if len(courses) != 22 {
		t.Errorf("%d courses in measures.json, want the 22 module presentations", len(courses))
	}

	// SOURCE.md: final_result Pass 12,361, Withdrawn 10,156, Fail 7,052,
	// Distinction 3,024 — summed over the 22 presentations' result
	// measures, none of which is small enough to be withheld.
	results := map[string]float64{}
	res := regexp.MustCompile(`^[a-z]{3}-20\d\d[bj]\.result\.(pass|withdrawn|fail|distinction)$`)
	for _, m := range doc.Measures {
		if g := res.FindStringSubmatch(m.ID); g != nil {
			if m.Withheld != "" {
				t.Errorf("%s suppressed", m.ID)
			}
			results[g[1]] += m.Value
		}
	}
	for r, n := range map[string]float64{"pass": 12361, "withdrawn": 10156, "fail": 7052, "distinction": 3024} {
		if results[r] != n {
			t.Errorf("sum of <course>.result.%s = %v, want %v", r, results[r], n)
		}
	}
}

package measures_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/build"
)

// blockIDRE matches a block id or usage key anywhere in a label.
var blockIDRE = regexp.MustCompile(`[0-9a-f]{32}|block-v1:|i4x://|@`)

// problemRows is the Problem column of the problems table, with the
// learners who submitted: "Multiple Choice (One Correct Answer)=2".
func problemRows(t *testing.T, sections map[string][]report.Block) []string {
	t.Helper()
	for _, blocks := range sections {
		for _, b := range blocks {
			if b.Table != nil && b.Table.ID == "performance-problems" {
				var out []string
				for _, r := range b.Table.Rows {
					out = append(out, r[1].Text+"="+r[2].Text)
				}
				return out
			}
		}
	}
	t.Fatal("no problems table")
	return nil
}

// TestProblemNamesRealData: the Open edX pipeline's problem responses of
// PRDemo1, read with and without the course's structure. With it, the
// problems are listed by display name in course order (week 1's, then
// week 2's), the two called "Multiple Choice" told apart by their unit;
// without it, by the display names of the logs, in the order of first
// submission, and the data-quality section says so. Never a block id.
func TestProblemNamesRealData(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "realdata", "openedx-analytics-pipeline")
	abs, err := filepath.Abs(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "course_blocks.json")); err != nil {
		t.Fatalf("Open edX pipeline fixtures missing: %v (put them in ../shared/realdata beside the repository)", err)
	}
	for _, tc := range []struct {
		name, blocks string
		want         []string
		quality      string
	}{
		{"course blocks", `, {format: edx-course-blocks, path: "` + filepath.ToSlash(abs) + `/course_blocks.json"}`,
			[]string{"Multiple Choice (One Correct Answer)", "Multiple Choice with Hints and Feedback", "Multiple Choice (Multiple Correct Answers)",
				"Checkboxes with Hints and Feedback", "Text Input", "Text Input with Hints and Feedback", "Reflections"}, ""},
		// Without a structure, the names come from the server
		// problem_check events' context.module.display_name, in the order
		// of each problem's first submission (python3 over the log: the
		// earliest time per event.problem_id), which the data-quality
		// section says is not course order.
		{"logs alone", "", []string{"Multiple Choice (1)", "Multiple Choice with Hints and Feedback", "Checkboxes with Hints and Feedback",
			"Text Input", "Reflections", "Multiple Choice (2)", "Text Input with Hints and Feedback"}, "Problems not in course order (PR: 7)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			yaml := `id: pr
title: Problem names
version: "1"
salt: s
courses:
  - {key: pr, name: PR Demo, short: PR, course_id: "course-v1:OpenCraft+PRDemo1+2016", role: study, start: 2016-01-04, weeks: 52, pass_mark: 0.5,
     sources: [{format: edx-tracking, path: "` + filepath.ToSlash(abs) + `/problem_response_tracking.log"}` + tc.blocks + `]}
`
			if err := os.WriteFile(filepath.Join(dir, "study.yaml"), []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := build.Prepare(filepath.Join(dir, "study.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			rows := problemRows(t, p.Measures.Sections)
			var names []string
			for _, r := range rows {
				name, _, _ := strings.Cut(r, "=")
				names = append(names, name)
				if blockIDRE.MatchString(name) {
					t.Errorf("problem listed by its id: %q", name)
				}
			}
			if strings.Join(names, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("problems:\n got %q\nwant %q", names, tc.want)
			}
			var quality strings.Builder
			for _, b := range p.Measures.Sections["data-quality"] {
				quality.WriteString(b.Markdown)
			}
			if !strings.Contains(quality.String(), tc.quality) {
				t.Errorf("data quality says %q, want it to say %q", quality.String(), tc.quality)
			}
			for _, note := range []string{"Problems without a name", "Problems not in course order"} {
				if strings.Contains(quality.String(), note) && !strings.Contains(tc.quality, note) {
					t.Errorf("data quality says %q, which it should not", note)
				}
			}
		})
	}
}

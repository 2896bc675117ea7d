package measures

import (
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestQualityNamesCourseAndCountsOnce shows each skip once with its course:
// a file read for one course names it, a shared log's line-level skips name
// none, and the total is the sum of the rows, nothing counted twice.
func TestQualityNamesCourseAndCountsOnce(t *testing.T) {
	ds := smallDataset()
	ds.Skips = []report.Skip{
		{File: "logs/shared.log", Reason: "comment or blank line", Count: 3},
		{File: "logs/shared.log", Reason: "no learner id", Count: 2, Course: "tiny"},
		{File: "logs/shared.log", Reason: "no learner id", Count: 1, Course: "big"},
		{File: "big/profile.csv", Reason: "duplicate row", Count: 4, Course: "big"},
	}
	res, err := Compute(smallStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	var tab *report.Table
	for _, b := range res.Sections["data-quality"] {
		if b.Table != nil && b.Table.ID == "quality-skipped" {
			tab = b.Table
		}
	}
	if tab == nil {
		t.Fatal("no quality-skipped table")
	}
	want := [][]string{
		{"big/profile.csv", "Big", "duplicate row", "4"},
		{"logs/shared.log", "", "comment or blank line", "3"},
		{"logs/shared.log", "Big", "no learner id", "1"},
		{"logs/shared.log", "Tiny", "no learner id", "2"},
	}
	if len(tab.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(tab.Rows), len(want), tab.Rows)
	}
	for i, row := range tab.Rows {
		for j, c := range row {
			if c.Text != want[i][j] {
				t.Errorf("row %d column %q = %q, want %q", i+1, tab.Columns[j], c.Text, want[i][j])
			}
		}
	}
	m := measureMap(res)
	if got := m["quality.skipped"].Value; got != 10 {
		t.Errorf("quality.skipped = %v, want 10", got)
	}
	if got := m["quality.skipped.no-learner-id"].Value; got != 3 {
		t.Errorf("quality.skipped.no-learner-id = %v, want 3", got)
	}
}

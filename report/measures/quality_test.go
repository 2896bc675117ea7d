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
		{File: "logs/other.log", Reason: "comment or blank line", Count: 2},
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
		{"logs/other.log", "", "comment or blank line", "2"},
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
	if !tab.Detail {
		t.Error("the per-file table is not marked as detail")
	}
	var sum *report.Table
	for _, b := range res.Sections["data-quality"] {
		if b.Table != nil && b.Table.ID == "quality-summary" {
			sum = b.Table
		}
	}
	if sum == nil {
		t.Fatal("no quality-summary table")
	}
	wantSum := [][]string{
		{"comment or blank line", "", "2", "5"},
		{"duplicate row", "Big", "1", "4"},
		{"no learner id", "Big", "1", "1"},
		{"no learner id", "Tiny", "1", "2"},
	}
	if len(sum.Rows) != len(wantSum) {
		t.Fatalf("summary: %d rows, want %d: %+v", len(sum.Rows), len(wantSum), sum.Rows)
	}
	for i, row := range sum.Rows {
		for j, c := range row {
			if c.Text != wantSum[i][j] {
				t.Errorf("summary row %d column %q = %q, want %q", i+1, sum.Columns[j], c.Text, wantSum[i][j])
			}
		}
	}
	m := measureMap(res)
	if got := m["quality.skipped"].Value; got != 12 {
		t.Errorf("quality.skipped = %v, want 12", got)
	}
	if got := m["quality.skipped.no-learner-id"].Value; got != 3 {
		t.Errorf("quality.skipped.no-learner-id = %v, want 3", got)
	}
}

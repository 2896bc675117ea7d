package measures

import (
	"strings"
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
	// Readers see the reasons in plain words, capitalised in a cell; a
	// reason already in plain words ("duplicate row") keeps its words.
	blank, noLearner := reasonCell("comment or blank line"), reasonCell("no learner id")
	want := [][]string{
		{"big/profile.csv", "Big", "Duplicate row", "4"},
		{"logs/other.log", "", blank, "2"},
		{"logs/shared.log", "", blank, "3"},
		{"logs/shared.log", "Big", noLearner, "1"},
		{"logs/shared.log", "Tiny", noLearner, "2"},
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
		{blank, "", "2", "5"},
		{"Duplicate row", "Big", "1", "4"},
		{noLearner, "Big", "1", "1"},
		{noLearner, "Tiny", "1", "2"},
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
	if got := m["quality.skipped.no-learner-id"].Label; got != "Input records not counted: "+skipWords["no learner id"] {
		t.Errorf("quality.skipped.no-learner-id label = %q, want the reader's words", got)
	}
}

// TestSkipWordsArePlain checks that the reader's words for each skip reason
// name no format, field or file of the input (JSON, studentInfo, is_active,
// "id") and differ from the reason id they replace.
func TestSkipWordsArePlain(t *testing.T) {
	internal := []string{"JSON", "json", "studentInfo", "is_active", " id", "timestamp", "task event"}
	for id, words := range skipWords {
		t.Run(id, func(t *testing.T) {
			if words == id || words == "" {
				t.Errorf("reason %q is shown as %q", id, words)
			}
			for _, w := range internal {
				if strings.Contains(words, w) {
					t.Errorf("reader's words %q contain %q", words, w)
				}
			}
			if got := reasonText(id); got != words {
				t.Errorf("reasonText(%q) = %q, want %q", id, got, words)
			}
		})
	}
	if got := reasonText("duplicate row"); got != "duplicate row" {
		t.Errorf("reasonText of a plain reason = %q, want it unchanged", got)
	}
	if got := reasonCell("task event"); got != "Events from the course platform's background tasks, not learners" {
		t.Errorf("reasonCell(task event) = %q, want the words with a capital", got)
	}
}

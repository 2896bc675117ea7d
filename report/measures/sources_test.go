package measures

import (
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// TestAbsentLogsAreNotZero: of two courses, only "big" has tracking logs.
// Big's activity is published, zero included (its logs hold no week-2
// event); Tiny gets no activity measure, its funnel's active stage is
// n/a, no activity test compares the two, and data quality says why.
func TestAbsentLogsAreNotZero(t *testing.T) {
	s := comparisonStudy()
	s.Courses[0].Sources = []study.Source{{Format: "edx-profile"}, {Format: "edx-grades"}, {Format: "edx-tracking"}}
	s.Courses[1].Sources = []study.Source{{Format: "edx-profile"}, {Format: "edx-grades"}}
	ds, _, _ := comparisonDataset()
	ds.Activity = slices.DeleteFunc(ds.Activity, func(w report.LearnerWeek) bool { return w.Course == "tiny" })
	res, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	m := measureMap(res)
	if got, ok := m["big.active.w2"]; !ok || got.Value != 0 || got.Text != "0" {
		t.Errorf("big.active.w2 = %+v, want a published 0: big has logs", got)
	}
	for id := range m {
		if strings.HasPrefix(id, "tiny.") && (strings.Contains(id, ".active") || strings.Contains(id, "activity") || strings.Contains(id, ".events") || strings.Contains(id, ".retained")) {
			t.Errorf("tiny has no logs but measure %s is published", id)
		}
		if strings.HasPrefix(id, "big.vs.tiny.active") || strings.HasPrefix(id, "big.vs.tiny.events") {
			t.Errorf("activity comparison %s published without tiny's logs", id)
		}
	}
	var funnel *report.Table
	for _, b := range res.Sections["activity"] {
		if b.Table != nil && b.Table.ID == "activity-funnel" {
			funnel = b.Table
		}
		if b.Table != nil && b.Table.ID == "activity-weekly-active" && slices.ContainsFunc(b.Table.Columns, func(c string) bool { return strings.HasPrefix(c, "Tiny") }) {
			t.Errorf("weekly active table has a column for Tiny: %q", b.Table.Columns)
		}
	}
	if funnel == nil {
		t.Fatal("no funnel")
	}
	if row := funnel.Rows[1]; row[0].Text != "Active" || row[3].Text != "n/a" || row[4].Text != "n/a" {
		t.Errorf("funnel active row = %+v, want n/a for Tiny", row)
	}
	if !strings.Contains(funnel.Note, "no tracking logs for Tiny") {
		t.Errorf("funnel note %q does not say why", funnel.Note)
	}
	var quality string
	for _, b := range res.Sections["data-quality"] {
		quality += b.Markdown
	}
	if !strings.Contains(quality, "no tracking logs (activity data) for Tiny, so the report gives no activity measures for it") {
		t.Errorf("data quality does not name the absent logs: %q", quality)
	}
}

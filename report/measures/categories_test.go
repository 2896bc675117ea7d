package measures

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// publishedTexts collects every string a build publishes from measures:
// measures, tables, figures (with their data) and the disclosure log.
func publishedTexts(res *Result) []string {
	var out []string
	table := func(t *report.Table) {
		out = append(out, t.ID, t.Title, t.Note, t.Definition)
		out = append(out, t.Columns...)
		for _, row := range t.Rows {
			for _, c := range row {
				out = append(out, c.Text)
			}
		}
	}
	for _, m := range res.Measures {
		out = append(out, m.ID, m.Label, m.Text, m.Definition, m.Unit)
	}
	for _, blocks := range res.Sections {
		for _, b := range blocks {
			out = append(out, b.Markdown)
			if b.Table != nil {
				table(b.Table)
			}
			if f := b.Figure; f != nil {
				out = append(out, f.ID, f.Title, f.Caption, f.Alt, f.XLabel, f.YLabel)
				out = append(out, f.Categories...)
				for _, s := range f.Series {
					out = append(out, s.Name)
				}
				table(&f.Table)
			}
		}
	}
	for _, d := range res.Disclosure {
		out = append(out, d.Where, d.Cell, d.Reason)
	}
	return out
}

// TestIdentifiersAreNotLabels plants identifiers where category codes or
// answer options belong: none may be published, and the learners behind
// them are still counted, as "Other (not listed)".
func TestIdentifiersAreNotLabels(t *testing.T) {
	s := smallStudy()
	s.Surveys = append(s.Surveys, study.Survey{Key: "pre", Course: "big", Title: "Pre", Questions: []study.Question{
		{ID: "Q1", Label: "Employment", Type: "single"},
		{ID: "Q2", Label: "Reasons", Type: "multi", Options: []string{"Work", "Fun"}},
	}})
	ds := smallDataset()
	planted := []string{"jsmith42", "alice@example.org", "Bob Jones", "x@y.org", "my name is Carol", "XZ"}
	ds.Learners[30].Gender = "jsmith42"
	ds.Learners[31].Education = "alice@example.org"
	ds.Learners[32].Mode = "Bob Jones"
	ds.Learners[33].Country = "XZ" // not an ISO 3166-1 code
	for i := range 20 {
		q1, q2 := "Employed", "Work, Fun"
		switch i {
		case 0:
			q1, q2 = "Other: contact me at x@y.org", "Work, my name is Carol"
		case 1, 2, 3, 4: // 4 < k: pooled
			q1 = "Student"
		}
		ds.Responses = append(ds.Responses, report.Response{Instrument: "pre", Course: "big", Learner: fmt.Sprintf("B%02d", i), Finished: true,
			Answers: map[string]string{"Q1": q1, "Q2": q2}})
	}
	res, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range publishedTexts(res) {
		for _, p := range planted {
			if strings.Contains(strings.ToLower(text), strings.ToLower(p)) {
				t.Errorf("published text contains %q: %q", p, text)
			}
		}
		if strings.Contains(text, "Student") {
			t.Errorf("an answer only one respondent gave is a label: %q", text)
		}
	}
	byID := map[string]report.Measure{}
	for _, m := range res.Measures {
		byID[m.ID] = m
	}
	for _, id := range []string{"big.gender.other-not-listed", "big.education.other-not-listed", "big.track.other-not-listed",
		"big.pre.q1.other-not-listed", "big.pre.q2.other-not-listed", "big.pre.q1.employed", "big.pre.q2.fun"} {
		if _, ok := byID[id]; !ok {
			t.Errorf("measure %s missing: the pooled row is not counted", id)
		}
	}
	if m := byID["big.pre.q1.employed"]; m.Value != 15 {
		t.Errorf("Employed = %v, want 15", m.Value)
	}
	if m := byID["big.pre.q1.other-not-listed"]; m.Value != 5 {
		t.Errorf("Other (not listed) = %v, want 5", m.Value)
	}
}

package measures_test

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/build"
)

// TestExampleStudy computes the example study end to end and checks that
// the research measures, tables and figures are there under their ids.
func TestExampleStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole example study")
	}
	p, err := build.Prepare("../../study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range p.Measures.Measures {
		ids[m.ID] = true
	}
	for _, id := range []string{
		"eat.vs.sus.gender", "eat.vs.sus.age.p-holm", "eat.vs.sus.pass-rate", "eat.vs.sus.verified", "eat.vs.sus.active.w1", "eat.vs.sus.events-per-active",
		"eat.pre-post.powertrains.wilcoxon", "eat.pre-post.powertrains.paired-t", "eat.pre-post.scale-confidence.wilcoxon",
		"eat.pre.scale.confidence.alpha", "eat.post.scale.satisfaction.q2-1.item-total", "eat.post.scale.satisfaction.q2-1.alpha-if-deleted",
		"eat.pre.q3.personal-interest.share", "eat.post.q3.median",
		"eat.events.video.w1", "eat.events-per-learner.median", "eat.active-days.q3", "eat.retained.w8.share", "eat.funnel.passed.share",
		"eat.assessment.homework-1.mean", "eat.activity-grade.rho", "eat.pre.response-rate.active",
	} {
		if !ids[id] {
			t.Errorf("measure %s missing", id)
		}
	}
	blocks := map[string]bool{}
	for _, bs := range p.Measures.Sections {
		for _, b := range bs {
			if b.Table != nil {
				blocks[b.Table.ID] = true
			}
			if b.Figure != nil {
				blocks[b.Figure.ID] = true
				// Every week's difference is significant in the example
				// (Holm-adjusted p < .001): the weekly chart marks them all;
				// its data hold the weekly table's counts and shares (the
				// table is shown only on request) and the p-values.
				if b.Figure.ID == "activity-weekly-active-chart" && (len(b.Figure.Marked) != 8 || b.Figure.MarkLabel == "" ||
					!strings.Contains(b.Figure.Caption, "the shares and the Holm-adjusted p") || len(b.Figure.Table.Columns) != 6) {
					t.Errorf("weekly chart marks %v (label %q), caption %q, data columns %q; want all 8 weeks and the counts, shares and p-values in its table",
						b.Figure.Marked, b.Figure.MarkLabel, b.Figure.Caption, b.Figure.Table.Columns)
				}
			}
		}
	}
	for _, id := range []string{"summary-headline", "comparisons-eat-vs-sus-differences-chart", "comparisons-eat-pre-post-chart", "comparisons-sus-pre-post-chart",
		"comparisons-results", "surveys-scales", "surveys-pre-q3", "surveys-pre-q3-chart", "surveys-post-numeric",
		"surveys-likert-eat-post-chart", "activity-kinds-weekly", "activity-intensity", "activity-retention-chart", "activity-funnel",
		"performance-assessments", "performance-activity-grade"} {
		if !blocks[id] {
			t.Errorf("table or figure %s missing", id)
		}
	}
}

// TestFigureOrTable: in the example, no table is shown by default when a
// figure of its section already holds every number of it in its data
// table; such a table is shown only where the narrative asks for it
// (Block.OnRequest).
func TestFigureOrTable(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole example study")
	}
	p, err := build.Prepare("../../study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	numbers := func(tab *report.Table) map[string]bool {
		out := map[string]bool{}
		for _, r := range tab.Rows {
			for _, c := range r[1:] { // the first column names the row
				if c.Value != nil {
					out[r[0].Text+"\x00"+c.Text] = true
				}
			}
		}
		return out
	}
	for name, bs := range p.Measures.Sections {
		var data []map[string]bool
		for _, b := range bs {
			if b.Figure != nil {
				data = append(data, numbers(&b.Figure.Table))
			}
		}
		for _, b := range bs {
			if b.Table == nil || b.OnRequest {
				continue
			}
			own := numbers(b.Table)
			for _, d := range data {
				if len(own) > 0 && subset(own, d) {
					t.Errorf("section %s: table %s is shown beside a figure whose data hold all its numbers", name, b.Table.ID)
				}
			}
		}
	}
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

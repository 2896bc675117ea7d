package measures_test

import (
	"strings"
	"testing"

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
				// (Holm-adjusted p < .001): the weekly chart marks them all.
				if b.Figure.ID == "activity-weekly-active-chart" && (len(b.Figure.Marked) != 8 || b.Figure.MarkLabel == "" ||
					!strings.Contains(b.Figure.Caption, "shares and the Holm-adjusted p") || len(b.Figure.Table.Columns) != 4) {
					t.Errorf("weekly chart marks %v (label %q), caption %q, data columns %q; want all 8 weeks and the p-values in its table",
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

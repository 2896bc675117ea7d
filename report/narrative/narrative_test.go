package narrative

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func setup(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var (
	fig  = &report.Figure{ID: "weekly", Title: "Weekly"}
	tab  = &report.Table{ID: "pass", Title: "Pass"}
	auto = map[string][]report.Block{
		"activity":    {{Markdown: "generated"}, {Figure: fig}},
		"performance": {{Table: tab}},
	}
	ms = []report.Measure{{ID: "eat.pass-rate", Text: "41.2 %"}, {ID: "eat.small", Text: "<5"}}
)

func TestAssemble(t *testing.T) {
	dir := setup(t, map[string]string{
		"introduction.md": "# Why we did this\n\nThe pass rate was {{< value eat.pass-rate >}}, and {{< value eat.small >}} learners did X.\n\n{{< figure weekly >}}\n\nAfter.\n\n```\n{{< value not-resolved-in-code >}}\n```\n",
	})
	secs, err := Assemble(dir, []string{"introduction", "activity", "performance"}, auto, ms, filepath.Base)
	if err != nil {
		t.Fatal(err)
	}
	if secs[0].Title != "Why we did this" || secs[1].Title != "Activity" {
		t.Errorf("titles %q, %q", secs[0].Title, secs[1].Title)
	}
	intro := secs[0].Blocks
	if len(intro) != 3 || intro[1].Figure != fig {
		t.Fatalf("introduction blocks = %+v, want markdown, the figure, markdown", intro)
	}
	if !strings.Contains(intro[0].Markdown, `was 41.2 %, and \<5 learners`) {
		t.Errorf("values not substituted (or not escaped): %q", intro[0].Markdown)
	}
	if !strings.Contains(intro[2].Markdown, "{{< value not-resolved-in-code >}}") {
		t.Errorf("shortcode inside a code fence was touched: %q", intro[2].Markdown)
	}
	for _, b := range secs[1].Blocks {
		if b.Figure != nil {
			t.Errorf("figure placed by the narrative is repeated in its generated section")
		}
	}
	if len(secs[2].Blocks) != 1 || secs[2].Blocks[0].Table != tab {
		t.Errorf("performance section lost its generated table")
	}
}

func TestAssembleErrors(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"unknown value id names file, line and the nearest id", "introduction.md", "ok\n\nThe rate {{< value eat.pass-rat >}}.\n",
			`introduction.md:3: unknown value id "eat.pass-rat" (did you mean "eat.pass-rate"?)`},
		{"unknown figure id", "activity.md", "{{< figure weekley >}}\n", `activity.md:1: unknown figure id "weekley" (did you mean "weekly"?)`},
		{"figure shortcode inline", "activity.md", "see {{< figure weekly >}}\n", `activity.md:1: a figure shortcode must stand on a line of its own`},
		{"unknown shortcode", "activity.md", "x\n{{< chart weekly >}}\n", `activity.md:2: unknown shortcode "chart"`},
		{"file for a section not in the outline", "extra.md", "x", `extra.md:1: section "extra" is not in the study's outline`},
		{"figure placed twice", "activity.md", "{{< figure weekly >}}\n{{< figure weekly >}}\n", `activity.md:2: figure "weekly" is placed twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t, map[string]string{tt.file: tt.body})
			_, err := Assemble(dir, []string{"introduction", "activity", "performance"}, auto, ms, filepath.Base)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestAssembleWithoutContent(t *testing.T) {
	secs, err := Assemble(filepath.Join(t.TempDir(), "missing"), []string{"activity", "performance"}, auto, ms, filepath.Base)
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 2 || len(secs[0].Blocks) != 2 {
		t.Errorf("a study without narrative should still get every generated block: %+v", secs)
	}
}

func TestRefs(t *testing.T) {
	fig1 := &report.Figure{ID: "weekly-chart", Title: "Weekly"}
	fig2 := &report.Figure{ID: "grades-chart", Title: "Grades"}
	tab1 := &report.Table{ID: "pass", Title: "Pass"}
	tab2 := &report.Table{ID: "funnel", Title: "Funnel"}
	auto := map[string][]report.Block{
		"activity":    {{Figure: fig1}, {Table: tab2}},
		"performance": {{Table: tab1}, {Figure: fig2}},
		"dropped":     {{Figure: &report.Figure{ID: "orphan-chart"}}},
	}
	outline := []string{"introduction", "activity", "performance"}
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the sections' Markdown, in order
	}{
		{"figure and table refs become numbered links to the block's fragment",
			map[string]string{"introduction.md": "See {{< ref weekly-chart >}} and {{< ref pass >}}.\n"},
			[]string{"See [Figure 1](#figure-weekly-chart) and [Table 2](#table-pass)."}},
		{"numbers follow where the narrative placed a block, before its own section",
			map[string]string{"introduction.md": "As {{< ref grades-chart >}} shows:\n\n{{< figure grades-chart >}}\n\nversus {{< ref weekly-chart >}}.\n"},
			[]string{"As [Figure 1](#figure-grades-chart) shows:", "versus [Figure 2](#figure-weekly-chart)."}},
		{"a ref may come after its block, and twice on a line",
			map[string]string{"performance.md": "{{< table funnel >}}\n\n{{< ref funnel >}}, {{< ref funnel >}} and {{< ref pass >}}.\n"},
			[]string{"[Table 1](#table-funnel), [Table 1](#table-funnel) and [Table 2](#table-pass)."}},
		{"refs inside a code fence are left as written",
			map[string]string{"introduction.md": "```\n{{< ref weekly-chart >}}\n```\n"},
			[]string{"{{< ref weekly-chart >}}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secs, err := Assemble(setup(t, tt.files), outline, auto, ms, filepath.Base)
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, s := range secs {
				for _, b := range s.Blocks {
					all.WriteString(b.Markdown + "\n")
				}
			}
			got := all.String()
			if strings.Contains(got, refMark) {
				t.Errorf("a placeholder was left in the Markdown: %q", got)
			}
			at := 0
			for _, w := range tt.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("Markdown lacks %q (in order) in:\n%s", w, got)
				}
				at += i + len(w)
			}
		})
	}

	errs := []struct {
		name, body, want string
	}{
		{"unknown id names the nearest figure or table", "x {{< ref weekly-chrt >}}\n",
			`introduction.md:1: unknown figure or table id "weekly-chrt" (did you mean "weekly-chart"?)`},
		{"a block whose section is not in the outline", "\n\nsee {{< ref orphan-chart >}}\n",
			`introduction.md:3: figure "orphan-chart" is not in the report (its section is not in the outline)`},
		{"a measure is not a ref", "{{< ref eat.pass-rate >}}\n", `introduction.md:1: unknown figure or table id "eat.pass-rate"`},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Assemble(setup(t, map[string]string{"introduction.md": tt.body}), outline, auto, ms, filepath.Base)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// FuzzParse feeds narrative files to the shortcode parser: unknown ids and
// malformed shortcodes must be errors naming file and line, never panics.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"# T\n\nThe rate {{< value eat.pass-rate >}}.\n\n{{< figure weekly >}}\n",
		"{{< table pass >}}\n{{< ref weekly >}}\n```\n{{< value x >}}\n```\n",
		"{{< value", "{{<>}}", "{{< figure weekly >}} trailing",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		_, _, err := parse("f.md", body, newIndex(auto, ms), map[string]bool{})
		if err != nil && !strings.HasPrefix(err.Error(), "f.md:") {
			t.Errorf("error does not name the file and line: %v", err)
		}
	})
}

// TestShortcodesInCodeAreLeftAlone: Markdown decides what is code, so a
// shortcode in a code span, an indented code block or either kind of fence
// is shown as written — even one naming no known id — while the same
// shortcode in text is resolved.
func TestShortcodesInCodeAreLeftAlone(t *testing.T) {
	tests := []struct{ name, body, keep string }{
		{"code span", "Write `{{< value nope >}}` to show a value: {{< value eat.pass-rate >}}.\n", "`{{< value nope >}}`"},
		{"double-backtick code span", "Write ``{{< value nope >}}`` here.\n", "``{{< value nope >}}``"},
		{"indented code block", "Example:\n\n    {{< value nope >}}\n    {{< figure nope >}}\n\nThe rate is {{< value eat.pass-rate >}}.\n", "    {{< value nope >}}\n    {{< figure nope >}}"},
		{"tilde fence", "~~~md\n{{< table nope >}}\n~~~\n\nThe rate is {{< value eat.pass-rate >}}.\n", "~~~md\n{{< table nope >}}\n~~~"},
		{"backtick fence", "```\n{{< ref nope >}}\n```\n\nThe rate is {{< value eat.pass-rate >}}.\n", "```\n{{< ref nope >}}\n```"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, blocks, err := parse("f.md", tt.body, newIndex(auto, ms), map[string]bool{})
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, b := range blocks {
				all.WriteString(b.Markdown + "\n")
			}
			if !strings.Contains(all.String(), tt.keep) {
				t.Errorf("%q not kept as written in:\n%s", tt.keep, all.String())
			}
			if strings.Contains(tt.body, "eat.pass-rate") && !strings.Contains(all.String(), "41.2 %") {
				t.Errorf("the shortcode outside code was not resolved:\n%s", all.String())
			}
		})
	}
}

// TestPlacementsStandAlone: figure and table shortcodes place blocks only
// as a top-level paragraph of their own (several on consecutive lines are
// fine); inside a list or a quote, or beside text, they are an error that
// names the line.
func TestPlacementsStandAlone(t *testing.T) {
	_, blocks, err := parse("f.md", "Before.\n\n{{< figure weekly >}}\n{{< table pass >}}\n\nAfter.\n", newIndex(auto, ms), map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 4 || blocks[1].Figure != fig || blocks[2].Table != tab || blocks[3].Markdown != "After." {
		t.Errorf("blocks = %+v", blocks)
	}
	for _, tt := range []struct{ body, line string }{
		{"\n> {{< figure weekly >}}\n", "2"}, {"\n- {{< figure weekly >}}\n", "2"}, {"\nText then\n{{< figure weekly >}}\n", "3"},
	} {
		_, _, err := parse("f.md", tt.body, newIndex(auto, ms), map[string]bool{})
		if err == nil || !strings.HasPrefix(err.Error(), "f.md:"+tt.line+": a figure shortcode must stand on a line of its own") {
			t.Errorf("%q: err = %v", tt.body, err)
		}
	}
}

// TestEmptySectionsAreLeftOut: a section of the outline with neither
// narrative nor generated blocks (the surveys of a study without surveys)
// is not in the report, so no renderer shows an empty heading; one with
// narrative only stays.
func TestEmptySectionsAreLeftOut(t *testing.T) {
	dir := setup(t, map[string]string{"comparisons.md": "# Comparisons\n\nNone were planned.\n"})
	secs, err := Assemble(dir, []string{"introduction", "activity", "surveys", "comparisons", "performance"}, auto, ms, filepath.Base)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range secs {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "activity comparisons performance" {
		t.Errorf("sections = %s, want activity comparisons performance", got)
	}
}

// TestAllErrorsAtOnce: every problem of every narrative file is reported
// in one build, each with its file and line, so an author fixes them in
// one round.
func TestAllErrorsAtOnce(t *testing.T) {
	dir := setup(t, map[string]string{
		"introduction.md": "# Intro\n\nThe rate {{< value eat.pass-rat >}}.\n\nSee {{< ref weekley >}}.\n",
		"activity.md":     "{{< figure nope >}}\n\nAnd {{< chart x >}}.\n",
		"extra.md":        "x",
	})
	_, err := Assemble(dir, []string{"introduction", "activity", "performance"}, auto, ms, filepath.Base)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`extra.md:1: section "extra" is not in the study's outline`,
		`introduction.md:3: unknown value id "eat.pass-rat"`,
		`introduction.md:5: unknown figure or table id "weekley"`,
		`activity.md:1: unknown figure id "nope"`,
		`activity.md:3: unknown shortcode "chart"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors do not include %q:\n%v", want, err)
		}
	}
}

// TestGeneratedText checks the key findings' contract: generated text with
// an id shows when the section has no narrative file, only where placed
// when it has one, and its table keeps the usual placement rules.
func TestGeneratedText(t *testing.T) {
	head := &report.Table{ID: "summary-headline", Title: "Headline numbers"}
	gen := map[string][]report.Block{
		"summary": {{Markdown: "intro", ID: "summary-intro"}, {Table: head}, {Markdown: "- finding", ID: "summary-findings"}},
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string // the section's blocks: Markdown text, or "table"
	}{
		{"no narrative: generated as is", nil, []string{"intro", "table", "- finding"}},
		{"narrative extends: places the findings and the table",
			map[string]string{"summary.md": "Our words.\n\n{{< text summary-findings >}}\n\n{{< table summary-headline >}}\n"},
			[]string{"Our words.", "- finding", "table"}},
		{"narrative replaces: unplaced text left out, table still shown",
			map[string]string{"summary.md": "# Summary\n\nThe pass rate was {{< value eat.pass-rate >}}.\n"},
			[]string{"The pass rate was 41.2 %.", "table"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secs, err := Assemble(setup(t, tt.files), []string{"summary"}, gen, ms, filepath.Base)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range secs[0].Blocks {
				if b.Table != nil {
					got = append(got, "table")
				} else {
					got = append(got, b.Markdown)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("blocks = %q, want %q", got, tt.want)
			}
		})
	}
	_, err := Assemble(setup(t, map[string]string{"summary.md": "{{< text summary-finding >}}\n"}), []string{"summary"}, gen, ms, filepath.Base)
	if err == nil || !strings.Contains(err.Error(), `unknown text id "summary-finding"`) || !strings.Contains(err.Error(), "summary-findings") {
		t.Errorf("unknown text id: err = %v, want it named with the nearest id", err)
	}
}

// TestOnRequestTables: a generated table that repeats a figure's numbers
// is left out unless the narrative places it; placed, it stands where the
// narrative puts it.
func TestOnRequestTables(t *testing.T) {
	dup := &report.Table{ID: "dup", Title: "Same numbers as the figure"}
	gen := map[string][]report.Block{"activity": {{Figure: fig}, {Table: dup, OnRequest: true}}}
	secs, err := Assemble(t.TempDir(), []string{"activity"}, gen, ms, filepath.Base)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range secs[0].Blocks {
		if b.Table == dup {
			t.Error("a table on request is shown without being asked for")
		}
	}
	dir := setup(t, map[string]string{"activity.md": "The counts:\n\n{{< table dup >}}\n"})
	secs, err = Assemble(dir, []string{"activity"}, gen, ms, filepath.Base)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range secs[0].Blocks {
		found = found || b.Table == dup
	}
	if !found {
		t.Error("a table on request placed by the narrative is missing")
	}
}
